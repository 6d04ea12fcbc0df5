using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Sampling;

/// <summary>
/// MetricsReading is what one read of a target's sample source said: whether it was up and the five values the
/// lab charts and judges. Null means "not known" (down, or metric absent) and is drawn as a gap, never as zero.
/// </summary>
/// <param name="Up">Whether the source answered (scrape succeeded / process alive).</param>
/// <param name="RssBytes"><c>process_working_set_bytes</c>.</param>
/// <param name="LimitBytes"><c>orders_memory_limit_bytes</c>.</param>
/// <param name="WorkersInflight"><c>orders_workers_inflight</c>, summed over its labels.</param>
/// <param name="GcHeapBytes"><c>dotnet_total_memory_bytes</c>.</param>
/// <param name="Threads"><c>process_num_threads</c>.</param>
/// <param name="StartTimeSeconds"><c>process_start_time_seconds</c> (Unix time): a new value means a new process,
/// which is how a soak sees restarts of services it did not start.</param>
public sealed record MetricsReading(
    bool Up,
    long? RssBytes,
    long? LimitBytes,
    long? WorkersInflight,
    long? GcHeapBytes,
    long? Threads,
    double? StartTimeSeconds = null)
{
    /// <summary><c>process_cpu_seconds_total</c>: CPU seconds used so far.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary><c>dotnet_thread_pool_queue_length</c>: work items waiting for a pool thread.</summary>
    public long? ThreadPoolQueue { get; init; }

    /// <summary><c>dotnet_timers</c>: timers scheduled.</summary>
    public long? Timers { get; init; }

    /// <summary>The reading of a source that did not answer.</summary>
    public static MetricsReading Down { get; } = new(false, null, null, null, null, null);

    /// <summary>Reads the contract's metric names (DESIGN §4) from a parsed scrape.</summary>
    public static MetricsReading FromScrape(PrometheusScrape scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        return new MetricsReading(
            true,
            ToLong(scrape.Sum("process_working_set_bytes")),
            ToLong(scrape.Sum("orders_memory_limit_bytes")),
            ToLong(scrape.Sum("orders_workers_inflight")),
            ToLong(scrape.Sum("dotnet_total_memory_bytes")),
            ToLong(scrape.Sum("process_num_threads")),
            scrape.Sum("process_start_time_seconds"))
        {
            CpuSeconds = scrape.Sum("process_cpu_seconds_total") is { } cpu && double.IsFinite(cpu) ? cpu : null,
            ThreadPoolQueue = ToLong(scrape.Sum("dotnet_thread_pool_queue_length")),
            Timers = ToLong(scrape.Sum("dotnet_timers") ?? scrape.Sum("dotnet_timer_count")),
        };
    }

    /// <summary>
    /// Combines this reading with what the load generator saw in the same interval into one
    /// <see cref="TargetSample"/>.
    /// </summary>
    public TargetSample ToSample(TimeSpan elapsed, double sentPerSecond = 0, long ok = 0, long timedOut = 0, long errors = 0, double? p99Ms = null) =>
        new(elapsed, Up, RssBytes, LimitBytes, WorkersInflight, GcHeapBytes, Threads, sentPerSecond, ok, timedOut, errors, p99Ms)
        {
            CpuSeconds = CpuSeconds,
            ThreadPoolQueue = ThreadPoolQueue,
            Timers = Timers,
        };

    private static long? ToLong(double? value) =>
        value is { } v && double.IsFinite(v) ? (long)Math.Round(v) : null;
}
