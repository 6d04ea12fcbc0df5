using OrderLeakLab.Load.Simulations;
using OrderLeakLab.Load.Thresholds;

namespace OrderLeakLab.Load.Scenarios;

/// <summary>
/// Scenario is a named step driven by a timetable of load simulations, with thresholds that pass or fail it.
/// <code>
/// var scenario = Scenario.Create("fixed", step)
///     .WithLoadSimulations(LoadSimulation.Inject(1000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)))
///     .WithThresholds(Threshold.FailPercentBelow(1), Threshold.LatencyBelow(99, TimeSpan.FromMilliseconds(800)));
/// </code>
/// Immutable: each <c>With…</c> returns a copy.
/// </summary>
public sealed record Scenario
{
    private Scenario(string name, ScenarioStep step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(step);
        Name = name;
        Step = step;
    }

    /// <summary>The scenario's name, e.g. the target's name ("leaky", "fixed").</summary>
    public string Name { get; }

    /// <summary>What one arrival does.</summary>
    public ScenarioStep Step { get; }

    /// <summary>The timetable, played in order. Default: none (the scenario sends nothing).</summary>
    public IReadOnlyList<LoadSimulation> Simulations { get; init; } = [];

    /// <summary>Thresholds checked during the run (on cumulative stats) and at its end.</summary>
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];

    /// <summary>
    /// Most arrivals in flight at once; arrivals beyond it are counted as <see cref="FailureKind.Dropped"/>
    /// instead of queueing without bound. Default 10 000 (2 × rate × a 5 s timeout at 1000 req/s); range ≥ 1.
    /// </summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>
    /// Counts the connections of the scenario's HTTP client, for <see cref="Running.ScenarioResult.PeakConnections"/>.
    /// Default: none (a client the caller owns is not counted).
    /// </summary>
    public Http.ConnectionGauge? Connections { get; init; }

    /// <summary>Runs once after the scenario has finished (e.g. disposes its HttpClient). Default: none.</summary>
    public Func<ValueTask>? Cleanup { get; init; }

    /// <summary>Creates a scenario named <paramref name="name"/> running <paramref name="step"/> per arrival.</summary>
    public static Scenario Create(string name, ScenarioStep step) => new(name, step);

    /// <summary>Returns a copy with this timetable.</summary>
    public Scenario WithLoadSimulations(params LoadSimulation[] simulations) => this with { Simulations = simulations };

    /// <summary>Returns a copy with these thresholds.</summary>
    public Scenario WithThresholds(params Threshold[] thresholds) => this with { Thresholds = thresholds };

    /// <summary>Returns a copy with this in-flight cap (≥ 1).</summary>
    public Scenario WithMaxInFlight(int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        return this with { MaxInFlight = maxInFlight };
    }

    /// <summary>Returns a copy whose result reports the peak of <paramref name="connections"/>.</summary>
    public Scenario WithConnections(Http.ConnectionGauge connections) => this with { Connections = connections };

    /// <summary>Returns a copy that runs <paramref name="cleanup"/> when it finishes.</summary>
    public Scenario WithCleanup(Func<ValueTask> cleanup) => this with { Cleanup = cleanup };
}
