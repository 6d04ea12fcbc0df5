using OrderLeakLab.Load.Stats;

namespace OrderLeakLab.Load.Running;

/// <summary>Settings for one load run, shared by all its scenarios.</summary>
public sealed class LoadRunOptions
{
    /// <summary>Length of one stats interval. Default 1 s; range 10 ms – 1 h.</summary>
    public TimeSpan ReportingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After the timetable ends, how long to wait for steps still in flight before cancelling them (they are
    /// then not counted as completed). A run therefore ends at most this long after its timetable.
    /// Default 5 s (the default request timeout); range 0 – 10 min.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Called for every closed interval of every scenario, on the engine's interval loop: keep it quick and
    /// do not throw. Default: none. The same stream is also on <see cref="LoadRun.Intervals"/>.
    /// </summary>
    public Action<IntervalStats>? OnInterval { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> with an actionable message when a value is out of range.</summary>
    public void Validate()
    {
        if (ReportingInterval < TimeSpan.FromMilliseconds(10) || ReportingInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ReportingInterval), ReportingInterval,
                "ReportingInterval must be between 10 ms and 1 h (default 1 s).");
        }

        if (DrainTimeout < TimeSpan.Zero || DrainTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(DrainTimeout), DrainTimeout,
                "DrainTimeout must be between 0 and 10 min (default 5 s).");
        }
    }
}
