namespace OrderLeakLab.Inspect.Snapshot;

/// <summary>
/// CopyCrew is the snapshot's copying threads, one per core (at most 8), started and raised to <see cref="PausePriority"/>
/// before the target is paused, so the pause pays neither for starting threads nor for the wait of a new, ordinary
/// thread for its first turn on a busy machine; once raised, a thread runs the moment it is woken.
/// </summary>
internal sealed class CopyCrew : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim _go = new(0);
    private readonly CountdownEvent _done;
    private readonly CountdownEvent _ready;
    private Action? _work;
    private volatile bool _stopping;

    /// <summary>Starts the threads and waits until each has raised its priority.</summary>
    public CopyCrew()
    {
        var count = Math.Clamp(Environment.ProcessorCount, 1, 8);
        _done = new CountdownEvent(count);
        _ready = new CountdownEvent(count);
        _threads = [.. Enumerable.Range(0, count).Select(i => new Thread(Loop) { IsBackground = true, Name = $"snapshot copy {i}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }

        _ready.Wait();
    }

    /// <summary>Runs <paramref name="work"/> on every thread of the crew at once and returns when all have finished.</summary>
    public void Run(Action work)
    {
        _work = work;
        _done.Reset();
        _go.Release(_threads.Length);
        _done.Wait();
    }

    public void Dispose()
    {
        _stopping = true;
        _go.Release(_threads.Length);
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _go.Dispose();
        _done.Dispose();
        _ready.Dispose();
    }

    private void Loop()
    {
        using var priority = PausePriority.Raise();
        _ready.Signal();
        while (true)
        {
            _go.Wait();
            if (_stopping)
            {
                return;
            }

            try
            {
                _work!();
            }
            finally
            {
                _done.Signal();
            }
        }
    }
}
