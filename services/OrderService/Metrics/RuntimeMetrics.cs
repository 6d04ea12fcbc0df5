using Prometheus;

namespace OrderLeakLab.OrderService.Metrics;

/// <summary>
/// RuntimeMetrics publishes the runtime signals the dashboards, the lab and the leak catalog read (heap after the
/// last GC, allocations, GC pauses, thread pool, timers, lock contention, exceptions) as prometheus-net gauges and
/// counters in the registry given, under names that pass <c>promtool check metrics</c> (the README's
/// metrics table). Values are read from the runtime before each collection — the same APIs the
/// <c>System.Runtime</c> meter reads — so they cost nothing per request; only exceptions are counted as they are
/// thrown (a first-chance handler that increments a number).
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    // GCMemoryInfo.GenerationInfo order; the label values follow the System.Runtime meter's gc.heap.generation.
    private static readonly string[] HeapGenerations = ["gen0", "gen1", "gen2", "loh", "poh"];

    private readonly Gauge.Child[] _heapAfterGc;
    private readonly Gauge _committed;
    private readonly Counter _allocated;
    private readonly Counter _gcPause;
    private readonly Gauge _poolThreads;
    private readonly Gauge _poolQueue;
    private readonly Counter _poolCompleted;
    private readonly Gauge _timers;
    private readonly Counter _contentions;
    private readonly Counter _exceptions;
    private long _exceptionsThrown;
    private volatile bool _disposed;

    /// <summary>Creates the metrics and registers their refresh before each collection of <paramref name="registry"/>.</summary>
    public RuntimeMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var heap = factory.CreateGauge("dotnet_gc_last_collection_heap_size_bytes", "Managed heap size after the last GC, by generation.", "gc_heap_generation");
        _heapAfterGc = [.. HeapGenerations.Select(g => heap.WithLabels(g))];
        _committed = factory.CreateGauge("dotnet_gc_committed_bytes", "Memory committed by the GC at the last GC.");
        _allocated = factory.CreateCounter("dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since the process started.");
        _gcPause = factory.CreateCounter("dotnet_gc_pause_seconds_total", "Time the runtime was paused for GC.");
        _poolThreads = factory.CreateGauge("dotnet_thread_pool_threads", "Thread-pool threads.");
        _poolQueue = factory.CreateGauge("dotnet_thread_pool_queue_length", "Work items queued to the thread pool, not yet started.");
        _poolCompleted = factory.CreateCounter("dotnet_thread_pool_completed_work_items_total", "Thread-pool work items completed.");
        _timers = factory.CreateGauge("dotnet_timers", "Active timers (System.Threading.Timer.ActiveCount).");
        _contentions = factory.CreateCounter("dotnet_monitor_lock_contentions_total", "Times a thread waited to take a contended Monitor lock.");
        _exceptions = factory.CreateCounter("dotnet_exceptions_total", "Exceptions thrown (first chance), handled or not.");
        AppDomain.CurrentDomain.FirstChanceException += OnFirstChanceException;
        // A registry cannot forget a callback; after Dispose it does nothing.
        registry.AddBeforeCollectCallback(Update);
    }

    /// <summary>Stops counting exceptions; the metrics keep their last values.</summary>
    public void Dispose()
    {
        _disposed = true;
        AppDomain.CurrentDomain.FirstChanceException -= OnFirstChanceException;
    }

    private void OnFirstChanceException(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) =>
        Interlocked.Increment(ref _exceptionsThrown);

    private void Update()
    {
        if (_disposed)
        {
            return;
        }

        var gc = GC.GetGCMemoryInfo();
        var generations = gc.GenerationInfo;
        for (var i = 0; i < _heapAfterGc.Length && i < generations.Length; i++)
        {
            _heapAfterGc[i].Set(generations[i].SizeAfterBytes);
        }

        _committed.Set(gc.TotalCommittedBytes);
        _allocated.IncTo(GC.GetTotalAllocatedBytes(precise: true)); // precise: the imprecise count lags behind under concurrent allocation
        _gcPause.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
        _poolThreads.Set(ThreadPool.ThreadCount);
        _poolQueue.Set(ThreadPool.PendingWorkItemCount);
        _poolCompleted.IncTo(ThreadPool.CompletedWorkItemCount);
        _timers.Set(Timer.ActiveCount);
        _contentions.IncTo(Monitor.LockContentionCount);
        _exceptions.IncTo(Interlocked.Read(ref _exceptionsThrown));
    }
}
