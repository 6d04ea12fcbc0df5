using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Model;

/// <summary>
/// RunReport is everything a report folder is written from: the run's phases, each target's timeline and
/// verdict, the expectation's outcome, and (when the inspect library supplied them) where the workers are parked.
/// </summary>
/// <param name="Title">Heading of the report, e.g. "leaklab demo" or "leaklab soak".</param>
/// <param name="StartedAt">Wall-clock start of the run.</param>
/// <param name="Phases">Baseline / load / cooldown boundaries.</param>
/// <param name="Timelines">One timeline per target, in display order.</param>
/// <param name="Verdicts">One verdict per target (may be empty for a run interrupted before any verdict).</param>
/// <param name="Expectation">The outcome of <c>--expect</c>, when one was given.</param>
/// <param name="Partial">Null for a complete run; otherwise why it ended early (e.g. "interrupted (Ctrl-C) at 42s").</param>
public sealed record RunReport(
    string Title,
    DateTimeOffset StartedAt,
    RunPhases Phases,
    IReadOnlyList<TargetTimeline> Timelines,
    IReadOnlyList<TargetVerdict> Verdicts,
    ExpectationResult? Expectation = null,
    string? Partial = null)
{
    /// <summary>Rows for the "where the workers are parked" table (from <c>leaklab inspect</c>); empty hides nothing, it says "not captured".</summary>
    public IReadOnlyList<ParkedWorkersRow> ParkedWorkers { get; init; } = [];

    /// <summary>Free-form lines shown under the title (settings, fallbacks such as "no cgroup rights: GC hard limit").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether the run ended early; the report says so on every page.</summary>
    public bool IsPartial => Partial is not null;
}
