using System.Globalization;
using OrderLeakLab.Load.Stats;

namespace OrderLeakLab.Load.Thresholds;

/// <summary>
/// Threshold is a condition on a scenario's cumulative stats that must hold. It is checked at the end of every
/// interval once <see cref="StartCheckAfter"/> has passed, and once more on the final totals; failing either
/// way fails the scenario (exit code 1). With <see cref="AbortWhenFailed"/> a failure during the run also
/// stops the scenario early.
/// <code>
/// Threshold.FailPercentBelow(1);                               // fail% &lt; 1
/// Threshold.LatencyBelow(99, TimeSpan.FromMilliseconds(800));  // p99 &lt; 800 ms
/// </code>
/// </summary>
public sealed record Threshold
{
    private Threshold(string description, Func<StatsSnapshot, double> measure, double limit)
    {
        Description = description;
        Measure = measure;
        Limit = limit;
    }

    /// <summary>Human-readable condition, e.g. "fail% &lt; 1" or "p99 &lt; 800ms".</summary>
    public string Description { get; }

    /// <summary>Computes the measured value from cumulative stats.</summary>
    public Func<StatsSnapshot, double> Measure { get; }

    /// <summary>The measured value must stay strictly below this limit.</summary>
    public double Limit { get; }

    /// <summary>Checks during the run start after this much time (before it, too little data). Default 5 s; ≥ 0.</summary>
    public TimeSpan StartCheckAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Stop the scenario as soon as a check during the run fails. Default false.</summary>
    public bool AbortWhenFailed { get; init; }

    /// <summary>Failures (status, timeouts, connection errors, dropped) must stay below <paramref name="percent"/>% of finished arrivals.</summary>
    public static Threshold FailPercentBelow(double percent) =>
        new(string.Create(CultureInfo.InvariantCulture, $"fail% < {percent}"), s => s.FailPercent, percent);

    /// <summary>Latency percentile <paramref name="percentile"/> (50, 75, 95, 99 or 100 = max) must stay below <paramref name="limit"/>.</summary>
    public static Threshold LatencyBelow(double percentile, TimeSpan limit)
    {
        _ = LatencySummary.Empty.At(percentile);
        var name = percentile == 100 ? "max" : string.Create(CultureInfo.InvariantCulture, $"p{percentile}");
        return new(string.Create(CultureInfo.InvariantCulture, $"{name} < {limit.TotalMilliseconds}ms"),
            s => s.Latency.At(percentile), limit.TotalMilliseconds);
    }

    /// <summary>Any measured value (e.g. <c>s =&gt; s.Timeouts</c>) must stay below <paramref name="limit"/>.</summary>
    public static Threshold Below(string description, Func<StatsSnapshot, double> measure, double limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(measure);
        return new(description, measure, limit);
    }

    /// <summary>True when the condition holds for <paramref name="stats"/>.</summary>
    public bool IsMet(StatsSnapshot stats, out double value)
    {
        value = Measure(stats);
        return value < Limit;
    }
}
