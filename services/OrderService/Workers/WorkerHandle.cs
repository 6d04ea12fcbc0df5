namespace OrderLeakLab.OrderService.Workers;

/// <summary>
/// WorkerHandle is a worker's entry in the <see cref="WorkerRegistry"/>: its stage, start time and its own
/// async <see cref="Task"/> (so shutdown can wait for it). The worker updates <see cref="Stage"/> as it goes and
/// calls <see cref="Exit"/> once, in a <c>finally</c>.
/// </summary>
public sealed class WorkerHandle
{
    private readonly WorkerRegistry _registry;
    private int _exited;

    internal WorkerHandle(WorkerRegistry registry, long id, WorkerStage stage, long startedAt)
    {
        _registry = registry;
        Id = id;
        Stage = stage;
        StartedAt = startedAt;
    }

    /// <summary>Sequence number of the worker.</summary>
    public long Id { get; }

    /// <summary>When it started, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long StartedAt { get; }

    /// <summary>Where the worker is parked now.</summary>
    public WorkerStage Stage { get; set; }

    /// <summary>The worker's own async task (its state machine), set right after it starts.</summary>
    public Task? Task { get; private set; }

    /// <summary>Records the worker's own task; the registry keeps it until the worker exits.</summary>
    public void Track(Task workerTask) => Task = workerTask;

    /// <summary>Removes the worker from the registry and counts its exit; later calls do nothing.</summary>
    public void Exit(string reason)
    {
        if (Interlocked.Exchange(ref _exited, 1) == 0)
        {
            _registry.Remove(this, reason);
        }
    }
}
