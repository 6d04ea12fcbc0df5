namespace OrderLeakLab.Lab.Model;

/// <summary>
/// TargetSample is one sampling tick (normally one second) of one target: what its <c>/metrics</c> (or /proc)
/// said and what the load generator saw in that interval. Null means "not known this tick" (target down,
/// metric absent) and is drawn as a gap, never as zero.
/// </summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Up">Whether the target answered its metrics scrape (or its process was alive).</param>
/// <param name="RssBytes">Resident set size (<c>process_working_set_bytes</c>).</param>
/// <param name="LimitBytes">Memory limit the target runs under (<c>orders_memory_limit_bytes</c>).</param>
/// <param name="WorkersInflight">In-flight background workers (<c>orders_workers_inflight</c>).</param>
/// <param name="GcHeapBytes">Managed heap size (<c>dotnet_total_memory_bytes</c>).</param>
/// <param name="Threads">OS threads (<c>process_num_threads</c>).</param>
/// <param name="SentPerSecond">Requests the load generator sent this interval, per second.</param>
/// <param name="Ok">Requests that completed with a success status this interval.</param>
/// <param name="TimedOut">Requests answered 504 by the service, or timed out client-side, this interval.</param>
/// <param name="Errors">Other failures this interval (5xx, connection refused/reset).</param>
/// <param name="P99Ms">99th percentile latency this interval, in milliseconds.</param>
public sealed record TargetSample(
    TimeSpan Elapsed,
    bool Up,
    long? RssBytes,
    long? LimitBytes,
    long? WorkersInflight,
    long? GcHeapBytes,
    long? Threads,
    double SentPerSecond,
    long Ok,
    long TimedOut,
    long Errors,
    double? P99Ms)
{
    /// <summary>CPU seconds the process has used so far (<c>process_cpu_seconds_total</c>); its rate is cores busy.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>Work items waiting for a thread-pool thread (<c>dotnet_thread_pool_queue_length</c>); starvation fills it.</summary>
    public long? ThreadPoolQueue { get; init; }

    /// <summary>Timers scheduled (<c>dotnet_timers</c>); timers started and never stopped grow it.</summary>
    public long? Timers { get; init; }
}
