namespace OrderLeakLab.Lab.Sampling;

/// <summary>MetricsScraperOptions configures <see cref="MetricsScraper"/>.</summary>
public sealed class MetricsScraperOptions
{
    /// <summary>
    /// How long one scrape may take before it counts as down. Default 2 s; range 50 ms – 30 s. Kept short so a
    /// stalled target costs one gap in a one-second timeline, not a stalled sampler.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> with an actionable message when out of range.</summary>
    public void Validate()
    {
        if (Timeout < TimeSpan.FromMilliseconds(50) || Timeout > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "scrape timeout must be between 50ms and 30s");
        }
    }
}
