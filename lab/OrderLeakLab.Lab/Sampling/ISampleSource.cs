namespace OrderLeakLab.Lab.Sampling;

/// <summary>
/// ISampleSource is where a target's memory and worker figures come from each tick: its <c>/metrics</c>
/// (<see cref="MetricsScraper"/>) or, for a .NET process without one, its PID (/proc + EventPipe counters,
/// supplied by the inspect library for <c>soak --pid</c>).
/// </summary>
public interface ISampleSource
{
    /// <summary>A short description for logs and the report, e.g. the URL or "pid 1234".</summary>
    string Description { get; }

    /// <summary>Reads once. Never throws for a target that is down: returns <see cref="MetricsReading.Down"/>.</summary>
    Task<MetricsReading> ReadAsync(CancellationToken cancellationToken);
}
