using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// RunPlan is one run of the pipeline (DESIGN §5 "one pipeline, two presets"): targets, a load plan, the three
/// phases, what to inspect, how to judge and where to report. <c>demo</c> is a plan with the two order-service
/// variants preset; <c>soak</c> a plan with the user's targets.
/// </summary>
public sealed record RunPlan
{
    /// <summary>The command, for headings and messages: <c>leaklab demo</c> or <c>leaklab soak</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The targets, in display order; names unique.</summary>
    public required IReadOnlyList<TargetPlan> Targets { get; init; }

    /// <summary>What each arrival sends. Default the order scenario.</summary>
    public LoadPlan Load { get; init; } = LoadPlan.Orders;

    /// <summary>Requests per second per target.</summary>
    public int Rate { get; init; } = LabDefaults.RatePerTarget;

    /// <summary>Sampling before the load starts (after every launched target is ready).</summary>
    public TimeSpan Baseline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the load runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The load rises linearly to <see cref="Rate"/> over this first part of <see cref="Duration"/>. Default none.</summary>
    public TimeSpan RampUp { get; init; }

    /// <summary>Sampling after the load stops.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between samples. Default 1 s.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long launched targets may take to become ready. Default 2 min.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether to inspect where workers are parked when a launched target's memory first reaches <see cref="InspectAtPercent"/> of its limit.</summary>
    public bool Inspect { get; init; }

    /// <summary>Memory, in percent of the limit, at which the one inspection is taken. Default 80.</summary>
    public int InspectAtPercent { get; init; } = 80;

    /// <summary>Whether to induce a full GC over EventPipe in every .NET target at the end of the baseline and of the cooldown and judge the managed heap after each. Default true.</summary>
    public bool HeapEvidence { get; init; } = true;

    /// <summary>
    /// Whether to count, after the cooldown's full GC, the callbacks registered on each token source of every .NET target
    /// (<see cref="TokenRegistrationProbe"/>; suspends each for a heap walk). Default false; the demo turns it on for the
    /// leak patterns whose per-request leak is too small to see in memory in a short run.
    /// </summary>
    public bool CountRegistrations { get; init; }

    /// <summary>The order service's work range and deadline, for the report's expected share of 504s; null for other services.</summary>
    public ServiceContract? Contract { get; init; }

    /// <summary>Thresholds of the verdict.</summary>
    public VerdictOptions Verdict { get; init; } = new();

    /// <summary>Thresholds of the heap evidence.</summary>
    public HeapEvidenceOptions Heap { get; init; } = new();

    /// <summary>The verdicts that make the run succeed; empty = exit 0 whatever the verdicts.</summary>
    public IReadOnlyList<Expectation> Expect { get; init; } = [];

    /// <summary>Report folder.</summary>
    public required string ReportDirectory { get; init; }

    /// <summary>The memory limit shown in the live view (the launched targets'), or null when none is known.</summary>
    public long? DisplayLimitBytes => Targets.Select(t => t.Launch?.MemoryLimitBytes).FirstOrDefault(l => l is not null);

    /// <summary>
    /// What the run is about to do, in one line for the console before the first frame, e.g. <c>leaklab demo: starting
    /// leaky, fixed (256Mi each); waiting for ready, then baseline 10s, load 3m at 1000 req/s, cooldown 30s</c>.
    /// </summary>
    public string Describe()
    {
        var launched = Targets.Where(t => t.Launch is not null).Select(t => t.Name).ToList();
        var attached = Targets.Where(t => t.Launch is null).Select(t => t.Name).ToList();
        var what = string.Join("; ", new[]
        {
            launched.Count > 0 ? $"starting {string.Join(", ", launched)} ({Live.StatusText.Mi(DisplayLimitBytes)} each) and waiting until ready" : null,
            attached.Count > 0 ? $"attaching to {string.Join(", ", attached)}" : null,
        }.OfType<string>());
        return $"{Title}: {what}; then baseline {DurationFormat.Typed(Baseline)}, load {DurationFormat.Typed(Duration)} at {Rate} req/s per target, cooldown {DurationFormat.Typed(Cooldown)}";
    }

    /// <summary>Returns a message a person can act on, or null when the plan can run.</summary>
    public string? Validate() =>
        Targets.Count == 0 ? "give at least one target"
        : Targets.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice ? $"target '{twice.Key}' given twice"
        : Rate is < 1 or > 20_000 ? "--rate must be between 1 and 20000"
        : Duration < TimeSpan.FromSeconds(1) || Duration > TimeSpan.FromHours(24) ? "--duration must be between 1s and 24h"
        : Baseline < TimeSpan.Zero || Baseline > TimeSpan.FromMinutes(10) ? "--baseline must be between 0s and 10m"
        : RampUp < TimeSpan.Zero || RampUp > Duration / 2 ? "--ramp-up must be between 0s and half of --duration"
        : Cooldown < TimeSpan.Zero || Cooldown > TimeSpan.FromMinutes(10) ? "--cooldown must be between 0s and 10m"
        : SampleInterval < TimeSpan.FromMilliseconds(100) || SampleInterval > TimeSpan.FromMinutes(1) ? "sample interval must be between 100ms and 1m"
        : null;
}
