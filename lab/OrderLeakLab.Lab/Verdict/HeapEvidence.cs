using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// HeapEvidence adds memlab's test to a verdict: the managed heap after a full GC induced at the end of the baseline,
/// against the same after the cooldown. A heap that kept what the load added is a LEAK whatever RSS did; a heap that
/// is back near its baseline, or grew by less than counts, drops the memory kind that rested on RSS alone — FLAT when nothing
/// else leaked ("RSS kept by the runtime, heap returned": the GC keeps freed segments committed; "heap grew 6.0 MiB, under the
/// 16.0 MiB counted as kept" says so when it did grow). A target restarted since the baseline is said to be one: its heap
/// started over, which says nothing of a return. Exits for memory and leaked workers stand either way. The heap
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
        var kept = Kept(baseline.HeapBytes, cooldown.HeapBytes, options);
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
            Evidence = [line + NotKept(verdict, baseline, cooldown, growth, options, dropMemory || demote), .. verdict.Evidence],
        };
    }

    /// <summary>
    /// The rule: a heap after a full GC that went from <paramref name="baselineBytes"/> to <paramref name="laterBytes"/> kept what
    /// the load added when it grew by at least <see cref="HeapEvidenceOptions.MinGrowthBytes"/> and by at least
    /// <see cref="HeapEvidenceOptions.MinGrowthFraction"/> of <paramref name="baselineBytes"/>.
    /// </summary>
    public static bool Kept(long baselineBytes, long laterBytes, HeapEvidenceOptions? options = null)
    {
        options ??= new HeapEvidenceOptions();
        var growth = laterBytes - baselineBytes;
        return growth >= options.MinGrowthBytes && growth >= options.MinGrowthFraction * baselineBytes;
    }

    /// <summary>
    /// What a heap that did not keep enough to count shows: returned; grown, but by less than counts; or measured in another
    /// process (a restart started the heap over, so it says nothing of a return).
    /// </summary>
    private static string NotKept(TargetVerdict verdict, HeapMeasurement baseline, HeapMeasurement cooldown, long growth, HeapEvidenceOptions options, bool droppedMemory)
    {
        if (cooldown.Pid != baseline.Pid)
        {
            return Invariant($": the cooldown's figure is of the process restarted since the baseline (pid {baseline.Pid} → {cooldown.Pid})");
        }

        // Under a MiB is the framework's own pools settling, not growth worth a sentence.
        if (growth >= Math.Min(NoticeableGrowthBytes, options.MinGrowthBytes) && growth >= options.MinGrowthFraction * baseline.HeapBytes)
        {
            var grew = Invariant($": heap grew {ByteFormat.Human(growth)}, under the {ByteFormat.Human(options.MinGrowthBytes)} counted as kept");
            return droppedMemory ? grew + $"; {verdict.MemoryBasis} growth not counted as a memory leak" : grew;
        }

        return droppedMemory ? $": {verdict.MemoryBasis} kept by the runtime, heap returned" : ": heap returned";
    }

    private const long NoticeableGrowthBytes = 1024 * 1024;

    private static bool EndedForMemory(TargetVerdict verdict) =>
        verdict.Exits.Any(e => e.Reason is ExitReason.OomKilled or ExitReason.OutOfMemoryException);

    private static bool WorkersLeaked(TargetVerdict verdict, VerdictOptions options) =>
        verdict.CooldownWorkers - (verdict.BaselineWorkers ?? 0) >= options.MinResidualWorkers
        || (verdict.CooldownWorkers is null && verdict.WorkersSlopePerSecond >= options.MinWorkersSlopePerSecond);
}
