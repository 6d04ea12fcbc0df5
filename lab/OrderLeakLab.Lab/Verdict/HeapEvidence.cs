using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// HeapEvidence adds memlab's test to a verdict: the managed heap after a full GC induced at the end of the baseline,
/// against the same after the cooldown. A heap that kept what the load added is a LEAK whatever RSS did; a heap that
/// is back near its baseline drops the memory kind that rested on RSS alone — FLAT when nothing else leaked ("RSS kept
/// by the runtime, heap returned": the GC keeps freed segments committed). Exits for memory and leaked workers stand either way. The heap
/// line comes first: it is the most direct evidence there is.
/// </summary>
public static class HeapEvidence
{
    /// <summary>Returns <paramref name="verdict"/> with the heap evidence applied; unchanged unless both measurements exist.</summary>
    public static TargetVerdict Apply(
        TargetVerdict verdict, HeapMeasurement? baseline, HeapMeasurement? cooldown, HeapEvidenceOptions? options = null, VerdictOptions? verdictOptions = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        options ??= new HeapEvidenceOptions();
        verdictOptions ??= new VerdictOptions();
        if (baseline is null || cooldown is null)
        {
            return verdict;
        }

        var growth = cooldown.HeapBytes - baseline.HeapBytes;
        var kept = growth >= options.MinGrowthBytes && growth >= options.MinGrowthFraction * baseline.HeapBytes;
        var line = Invariant($"managed heap after full GC {ByteFormat.Human(baseline.HeapBytes)} → {ByteFormat.Human(cooldown.HeapBytes)}");
        var restarted = cooldown.Pid == baseline.Pid ? "" : Invariant($" (restarted since the baseline: pid {baseline.Pid} → {cooldown.Pid})");
        if (kept)
        {
            return verdict with
            {
                Outcome = VerdictOutcome.Leak,
                Kinds = verdict.Kinds.Contains(LeakKind.Memory) ? verdict.Kinds : [LeakKind.Memory, .. verdict.Kinds],
                Evidence = [line + Invariant($": kept {ByteFormat.Human(growth)} of what the load added{restarted}"), .. verdict.Evidence],
            };
        }

        // Memory that rested on its growth alone (RSS or working set) is dropped: the runtime kept it, the heap returned it.
        // The other kinds stand (threads, CPU, timers and workers are not memory the heap could return), and so do exits for memory.
        var dropMemory = verdict.Kinds.Contains(LeakKind.Memory) && !EndedForMemory(verdict);
        var kinds = dropMemory ? verdict.Kinds.Where(k => k != LeakKind.Memory).ToList() : verdict.Kinds;
        var demote = verdict.Outcome == VerdictOutcome.Leak && kinds.Count == 0 && !EndedForMemory(verdict) && !WorkersLeaked(verdict, verdictOptions);
        return verdict with
        {
            Outcome = demote ? VerdictOutcome.Flat : verdict.Outcome,
            Kinds = demote ? [] : kinds,
            Evidence = [line + (dropMemory || demote ? $": {verdict.MemoryBasis} kept by the runtime, heap returned" : ": heap returned") + restarted, .. verdict.Evidence],
        };
    }

    private static bool EndedForMemory(TargetVerdict verdict) =>
        verdict.Exits.Any(e => e.Reason is ExitReason.OomKilled or ExitReason.OutOfMemoryException);

    private static bool WorkersLeaked(TargetVerdict verdict, VerdictOptions options) =>
        verdict.CooldownWorkers - (verdict.BaselineWorkers ?? 0) >= options.MinResidualWorkers
        || (verdict.CooldownWorkers is null && verdict.WorkersSlopePerSecond >= options.MinWorkersSlopePerSecond);
}
