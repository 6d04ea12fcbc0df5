using OrderLeakLab.Inspect.Targets;

namespace OrderLeakLab.Inspect.Sampling;

/// <summary>
/// PidSampler samples a .NET process that has no <c>/metrics</c>: RSS and threads from /proc, GC heap,
/// thread-pool threads and timers from EventPipe runtime counters.
/// <code>
/// await using var sampler = await PidSampler.StartAsync(pid, TimeSpan.FromSeconds(1), ct);
/// sampler.Sampled += s => Console.WriteLine($"{s.RssBytes} {s.GcHeapBytes}");
/// </code>
/// Counters arrive once per interval (whole seconds, at least 1 s), so the first samples may have null managed
/// values. After the process exits one sample with <see cref="PidSample.Alive"/> false is published and sampling stops.
/// </summary>
public sealed class PidSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly RuntimeCounterListener _counters;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private PidSample? _latest;

    private PidSampler(int pid, TimeSpan interval, RuntimeCounterListener counters, TimeProvider time)
    {
        (_pid, _counters, _time) = (pid, counters, time);
        _loop = Task.Run(() => LoopAsync(interval));
    }

    /// <summary>Raised after every sample, on a thread-pool thread.</summary>
    public event Action<PidSample>? Sampled;

    /// <summary>The most recent sample, or null before the first tick.</summary>
    public PidSample? Latest => Volatile.Read(ref _latest);

    /// <summary>Starts sampling <paramref name="pid"/> every <paramref name="interval"/> (100 ms–1 h); throws <see cref="InspectionException"/> when it is not a reachable .NET process.</summary>
    public static async Task<PidSampler> StartAsync(int pid, TimeSpan interval, CancellationToken cancellationToken, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromMilliseconds(100));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(interval, TimeSpan.FromHours(1));
        DotNetProcess.EnsureInspectable(pid);
        RuntimeCounterListener counters;
        try
        {
            counters = await RuntimeCounterListener.StartAsync(pid, interval, cancellationToken);
        }
        catch (Exception e) when (e is Microsoft.Diagnostics.NETCore.Client.ServerNotAvailableException or IOException or TimeoutException)
        {
            throw new InspectionException($"cannot read runtime counters of pid {pid}: {e.Message}", e);
        }

        return new PidSampler(pid, interval, counters, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Reads /proc now and combines it with the latest counter values.</summary>
    public PidSample SampleNow()
    {
        var proc = DotNetProcess.IsRunning(_pid) ? ProcStat.ReadStatus(_pid) : null;
        var now = _time.GetUtcNow();
        if (proc is null)
        {
            return new PidSample(now, false, null, null, null, null, null, null);
        }

        var heapMb = _counters["counter:gc-heap-size"];
        return new PidSample(now, true, proc.RssBytes, proc.Threads,
            heapMb is { } mb ? (long)(mb * 1_000_000) : null,
            ToLong(_counters["meter:dotnet.gc.last_collection.heap.size"]),
            ToLong(_counters["meter:dotnet.thread_pool.thread.count"] ?? _counters["counter:threadpool-thread-count"]),
            ToLong(_counters["meter:dotnet.timer.count"] ?? _counters["counter:active-timer-count"]));
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var sample = SampleNow();
                Volatile.Write(ref _latest, sample);
                Sampled?.Invoke(sample);
                if (!sample.Alive)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static long? ToLong(double? value) => value is { } v ? (long)Math.Round(v) : null;

    /// <summary>Stops sampling and ends the EventPipe session.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _counters.DisposeAsync();
        _stop.Dispose();
    }
}
