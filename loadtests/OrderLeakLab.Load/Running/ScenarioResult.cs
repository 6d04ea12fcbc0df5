using OrderLeakLab.Load.Stats;
using OrderLeakLab.Load.Thresholds;

namespace OrderLeakLab.Load.Running;

/// <summary>What one scenario did over the whole run.</summary>
public sealed record ScenarioResult
{
    /// <summary>The scenario's name.</summary>
    public required string Name { get; init; }

    /// <summary>True when every threshold held (during the run and at the end).</summary>
    public bool Passed => Thresholds.All(t => t.Passed);

    /// <summary>True when the run was cancelled or a threshold aborted the scenario before its timetable ended.</summary>
    public required bool Stopped { get; init; }

    /// <summary>Arrivals the timetable held.</summary>
    public required long ScheduledArrivals { get; init; }

    /// <summary>Most steps in flight at once.</summary>
    public required long PeakInFlight { get; init; }

    /// <summary>
    /// Most TCP connections the scenario's own HTTP client held open at once (counted when the engine opens and closes
    /// them, not from the kernel's socket table); null for a scenario over a client the caller owns.
    /// </summary>
    public long? PeakConnections { get; init; }

    /// <summary>Totals over the whole run (its <see cref="StatsSnapshot.Duration"/> is the scenario's running time).</summary>
    public required StatsSnapshot Total { get; init; }

    /// <summary>Every interval, in order; the last one has <see cref="IntervalStats.IsFinal"/> set.</summary>
    public required IReadOnlyList<IntervalStats> Intervals { get; init; }

    /// <summary>The outcome of each threshold, in the scenario's order.</summary>
    public required IReadOnlyList<ThresholdResult> Thresholds { get; init; }
}
