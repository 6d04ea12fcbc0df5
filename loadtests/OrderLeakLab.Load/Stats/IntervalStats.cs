namespace OrderLeakLab.Load.Stats;

/// <summary>
/// IntervalStats is one tick of the live stream: what one scenario did during interval <see cref="Index"/>
/// (normally 1 s; the last one may be shorter) and its cumulative totals so far.
/// </summary>
public sealed record IntervalStats
{
    /// <summary>The scenario's name.</summary>
    public required string Scenario { get; init; }

    /// <summary>0-based interval number.</summary>
    public required int Index { get; init; }

    /// <summary>Start of the interval as an offset from the scenario's start.</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>Wall-clock time at the end of the interval (from the run's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>True for the scenario's final (possibly partial) interval.</summary>
    public required bool IsFinal { get; init; }

    /// <summary>Steps in flight when the interval closed.</summary>
    public required long InFlight { get; init; }

    /// <summary>What happened during this interval.</summary>
    public required StatsSnapshot Interval { get; init; }

    /// <summary>Cumulative totals from the start to the end of this interval.</summary>
    public required StatsSnapshot Total { get; init; }
}
