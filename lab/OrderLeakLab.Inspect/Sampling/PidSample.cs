namespace OrderLeakLab.Inspect.Sampling;

/// <summary>
/// PidSample is one reading of a .NET process that has no <c>/metrics</c>: /proc for memory and threads,
/// EventPipe runtime counters for the managed side. Null means "not known this tick", never zero.
/// </summary>
/// <param name="At">When the sample was taken.</param>
/// <param name="Alive">Whether the process was still running.</param>
/// <param name="RssBytes">Resident set size (<c>VmRSS</c> in /proc/PID/status; = <c>process_working_set_bytes</c>).</param>
/// <param name="Threads">OS threads (<c>Threads:</c> in /proc/PID/status; = <c>process_num_threads</c>).</param>
/// <param name="GcHeapBytes">Managed heap in use (<c>System.Runtime</c> counter <c>gc-heap-size</c>, 1 MB resolution; ≈ <c>dotnet_total_memory_bytes</c>).</param>
/// <param name="GcLastCollectionHeapBytes">Heap size after the last GC, all generations (meter <c>dotnet.gc.last_collection.heap.size</c>).</param>
/// <param name="ThreadPoolThreads">Thread-pool threads (<c>dotnet.thread_pool.thread.count</c> / counter <c>threadpool-thread-count</c>).</param>
/// <param name="Timers">Active timers (<c>dotnet.timer.count</c> / counter <c>active-timer-count</c>).</param>
public sealed record PidSample(
    DateTimeOffset At,
    bool Alive,
    long? RssBytes,
    long? Threads,
    long? GcHeapBytes,
    long? GcLastCollectionHeapBytes,
    long? ThreadPoolThreads,
    long? Timers);
