namespace OrderLeakLab.Load.Stats;

/// <summary>
/// StatsSnapshot is what happened to one scenario over a span of time (one interval, or the whole run).
/// Scheduled = <see cref="Sent"/> + <see cref="Dropped"/>;
/// <see cref="Completed"/> = <see cref="Ok"/> + status failures + <see cref="Timeouts"/> + <see cref="ConnectionErrors"/> + <see cref="Errors"/>;
/// <see cref="Fail"/> = <see cref="Completed"/> − <see cref="Ok"/> + <see cref="Dropped"/>.
/// </summary>
public sealed record StatsSnapshot
{
    /// <summary>The span these counts cover.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Arrivals handed to the step.</summary>
    public required long Sent { get; init; }

    /// <summary>Steps that finished (ok or failed) in the span.</summary>
    public required long Completed { get; init; }

    /// <summary>Steps that succeeded.</summary>
    public required long Ok { get; init; }

    /// <summary>Failures of every kind, dropped arrivals included.</summary>
    public long Fail => Completed - Ok + Dropped;

    /// <summary>Steps that timed out.</summary>
    public required long Timeouts { get; init; }

    /// <summary>Steps whose connection failed (refused, reset, ended early).</summary>
    public required long ConnectionErrors { get; init; }

    /// <summary>Arrivals not sent because the in-flight cap was full (overflow).</summary>
    public required long Dropped { get; init; }

    /// <summary>Steps that threw something unexpected.</summary>
    public required long Errors { get; init; }

    /// <summary>Completed steps by HTTP status code (ok and failed), ascending by code.</summary>
    public required IReadOnlyDictionary<int, long> StatusCodes { get; init; }

    /// <summary>Latency of completed steps (ok and failed, timeouts included), ms.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>How late steps started relative to the timetable (timer lateness plus thread-pool queueing), ms.</summary>
    public required LatencySummary ScheduleLag { get; init; }

    /// <summary>Arrivals sent per second over <see cref="Duration"/>.</summary>
    public double SentPerSecond => PerSecond(Sent);

    /// <summary>Steps completed per second over <see cref="Duration"/>.</summary>
    public double CompletedPerSecond => PerSecond(Completed);

    /// <summary>Failures as a percentage of completed plus dropped (0 when nothing finished).</summary>
    public double FailPercent => Completed + Dropped == 0 ? 0 : 100.0 * Fail / (Completed + Dropped);

    private double PerSecond(long count) => Duration <= TimeSpan.Zero ? 0 : count / Duration.TotalSeconds;
}
