using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>TargetVerdict is the verdict for one target with the evidence it rests on.</summary>
/// <param name="Name">The target.</param>
/// <param name="Outcome">Leak or flat.</param>
/// <param name="Evidence">One sentence per finding, decisive ones first.</param>
/// <param name="Restarts">Exits the lab did not ask for (each followed by a restart).</param>
/// <param name="Exits">Every exit, with reason and time.</param>
/// <param name="MemorySlopeBytesPerSecond">Theil–Sen memory slope under load (median over incarnations), when measurable; memory is <see cref="MemoryBasis"/>.</param>
/// <param name="WorkersSlopePerSecond">Theil–Sen workers-in-flight slope under load, when measurable.</param>
/// <param name="BaselineRssBytes">Median memory (<see cref="MemoryBasis"/>) before load.</param>
/// <param name="CooldownRssBytes">Median memory (<see cref="MemoryBasis"/>) in the settled part of the cooldown.</param>
/// <param name="BaselineWorkers">Median workers in flight before load.</param>
/// <param name="CooldownWorkers">Median workers in flight in the settled part of the cooldown.</param>
/// <param name="LimitBytes">The memory limit, when known.</param>
/// <param name="ProjectedTimeToLimit">Time from a (re)start under load to the limit: the slope's projection, or the
/// median observed lifetime when that disagrees with it by more than 30% (<see cref="TimeToLimitBasis"/>).</param>
public sealed record TargetVerdict(
    string Name,
    VerdictOutcome Outcome,
    IReadOnlyList<string> Evidence,
    int Restarts,
    IReadOnlyList<ExitRecord> Exits,
    double? MemorySlopeBytesPerSecond,
    double? WorkersSlopePerSecond,
    long? BaselineRssBytes,
    long? CooldownRssBytes,
    long? BaselineWorkers,
    long? CooldownWorkers,
    long? LimitBytes,
    TimeSpan? ProjectedTimeToLimit)
{
    /// <summary>
    /// The memory judged: <c>working set</c> (the cgroup's usage minus inactive file pages, what the OOM killer judges)
    /// or <c>RSS</c> for a target without a cgroup.
    /// </summary>
    public string MemoryBasis { get; init; } = "RSS";

    /// <summary>Lifetimes under load of the incarnations that ended for memory, in exit order.</summary>
    public IReadOnlyList<TimeSpan> ObservedLifetimes { get; init; } = [];

    /// <summary>Where <see cref="ProjectedTimeToLimit"/> comes from: <c>slope</c>, <c>observed</c> or <c>none</c>.</summary>
    public string TimeToLimitBasis { get; init; } = "none";

    /// <summary>The memory range under load after the warm-up; null for a target that restarted (or with no samples there).</summary>
    public MemoryBand? LoadBand { get; init; }

    /// <summary>Samples where <c>/metrics</c> (or the process) did not answer.</summary>
    public int MissingSamples { get; init; }

    /// <summary>All samples of the target.</summary>
    public int SampleCount { get; init; }

    /// <summary>What leaks, in the order found (memory, workers, threads, CPU, timers); empty when FLAT.</summary>
    public IReadOnlyList<LeakKind> Kinds { get; init; } = [];

    /// <summary>The kinds as written in text and JSON, e.g. <c>threads, cpu</c>; empty when FLAT.</summary>
    public string KindsText => string.Join(", ", Kinds.Select(k => k.ToString().ToLowerInvariant()));

    /// <summary>The outcome as a person reads it: <c>LEAK (threads, cpu)</c> or <c>FLAT</c>.</summary>
    public string Headline => Outcome == VerdictOutcome.Leak && Kinds.Count > 0 ? $"LEAK ({KindsText})" : OutcomeText.ToUpperInvariant();

    /// <summary>The outcome as written in JSON, Markdown and <c>--expect</c>: <c>leak</c> or <c>flat</c>.</summary>
    public string OutcomeText => Outcome == VerdictOutcome.Leak ? "leak" : "flat";
}
