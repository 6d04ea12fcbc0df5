namespace OrderLeakLab.Lab.Model;

/// <summary>
/// TargetSample is one sampling tick (normally one second) of one target: what its <c>/metrics</c> (or /proc)
/// said and what the load generator saw in that interval. Null means "not known this tick" (target down,
/// metric absent) and is drawn as a gap, never as zero.
/// </summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Up">Whether the target answered its metrics scrape this tick (or its process was alive); false is a
/// missing sample, shown as a gap in every chart and counted in the verdict.</param>
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

    /// <summary>
    /// The working set of the target's memory cgroup (usage minus inactive file pages): what the OOM killer judges.
    /// Read from the cgroup at the tick, so it is known even when <c>/metrics</c> does not answer; null for a target
    /// without a cgroup or with no process running.
    /// </summary>
    public long? WorkingSetBytes { get; init; }

    /// <summary>The cgroup's OOM-kill counter at the tick (<c>oom_kill</c>), for a target in a cgroup.</summary>
    public long? OomKills { get; init; }

    /// <summary>The memory the lab charts and judges: the cgroup working set when there is one, else RSS.</summary>
    public long? MemoryBytes => WorkingSetBytes ?? RssBytes;

    /// <summary>Timers scheduled (<c>dotnet_timers</c>); timers started and never stopped grow it.</summary>
    public long? Timers { get; init; }
}
