namespace OrderLeakLab.Load.Stats;

/// <summary>Percentiles of a latency distribution, in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P75, double P95, double P99, double Max, double Mean)
{
    /// <summary>All zeros: nothing was recorded.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The value for percentile 50, 75, 95 or 99 (100 gives <see cref="Max"/>).</summary>
    public double At(double percentile) => percentile switch
    {
        50 => P50,
        75 => P75,
        95 => P95,
        99 => P99,
        100 => Max,
        _ => throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Use 50, 75, 95, 99 or 100."),
    };
}
