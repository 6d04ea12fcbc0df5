using System.Collections.Concurrent;
using OrderLeakLab.OrderService.Metrics;

namespace OrderLeakLab.OrderService.Workers;

/// <summary>
/// WorkerRegistry is the list of in-flight background workers, kept for graceful shutdown (wait for them)
/// and observability (<c>/debug/workers</c>, <c>orders_workers_inflight</c>) — the .NET counterpart of the Go
/// runtime's goroutine list. Because it holds each worker's own task, a worker that never exits stays
/// reachable: that is how a parked worker becomes a leak instead of garbage.
/// </summary>
public sealed class WorkerRegistry(OrdersMetrics metrics, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, WorkerHandle> _workers = new();
    private long _nextId;

    /// <summary>Number of workers in flight.</summary>
    public int Count => _workers.Count;

    /// <summary>Registers a new worker at its first stage.</summary>
    public WorkerHandle Start(WorkerStage stage)
    {
        var handle = new WorkerHandle(this, Interlocked.Increment(ref _nextId), stage, time.GetTimestamp());
        _workers[handle.Id] = handle;
        metrics.WorkerStarted();
        return handle;
    }

    /// <summary>In-flight workers grouped by stage, largest group first.</summary>
    public IReadOnlyList<WorkerGroup> Snapshot()
    {
        var now = time.GetTimestamp();
        return _workers.Values
            .GroupBy(w => w.Stage)
            .Select(g => new WorkerGroup(
                g.Key.Method,
                g.Key.Awaiting,
                g.Count(),
                Math.Round(time.GetElapsedTime(g.Min(w => w.StartedAt), now).TotalSeconds, 3)))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Waits until every in-flight worker has exited or <paramref name="cancellationToken"/> fires.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var tasks = _workers.Values.Select(w => w.Task).OfType<Task>().ToArray();
        await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    internal void Remove(WorkerHandle handle, string reason)
    {
        if (_workers.TryRemove(handle.Id, out _))
        {
            metrics.WorkerExited(reason);
        }
    }
}
