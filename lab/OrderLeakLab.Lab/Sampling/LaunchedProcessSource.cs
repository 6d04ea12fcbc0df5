using OrderLeakLab.Inspect.Sampling;
using OrderLeakLab.Inspect.Targets;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Sampling;

/// <summary>
/// LaunchedProcessSource reads a target the lab launched and that has no <c>/metrics</c>: RSS from /proc of its
/// running incarnation, the limit from its cgroup, and — once the process turns out to be .NET (its diagnostics
/// socket appears) — the GC heap and threads from EventPipe runtime counters, re-attached after every restart.
/// Up means "the process is running". Dispose it to end the EventPipe session.
/// </summary>
/// <param name="pid">The running incarnation's pid, or null between incarnations.</param>
/// <param name="limitBytes">The memory limit it runs under.</param>
public sealed class LaunchedProcessSource(Func<int?> pid, long limitBytes) : ISampleSource, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private PidSampler? _counters;
    private int? _countersPid;
    private int? _attaching;
    private bool _disposed;

    /// <inheritdoc />
    public string Description => DotNetPid is null ? "/proc (pid of the launched process)" : "/proc + EventPipe counters (a .NET process)";

    /// <summary>The pid whose runtime counters are being read, once one was found to be .NET.</summary>
    public int? DotNetPid
    {
        get
        {
            lock (_gate)
            {
                return _countersPid;
            }
        }
    }

    /// <inheritdoc />
    public Task<MetricsReading> ReadAsync(CancellationToken cancellationToken)
    {
        if (pid() is not { } p || ProcStat.ReadRssBytes(p) is not { } rss)
        {
            return Task.FromResult(MetricsReading.Down);
        }

        AttachCounters(p);
        PidSample? counters;
        lock (_gate)
        {
            counters = _countersPid == p ? _counters?.SampleNow() : null;
        }

        return Task.FromResult(new MetricsReading(
            true, rss, limitBytes, null, counters?.GcHeapBytes ?? counters?.GcLastCollectionHeapBytes, counters?.Threads));
    }

    // Attaching takes a round trip to the runtime; the sample never waits for it and uses the counters from the next tick on.
    private void AttachCounters(int p)
    {
        lock (_gate)
        {
            if (_disposed || _countersPid == p || _attaching is not null || DotNetProcess.FindDiagnosticsSocket(p) is null)
            {
                return;
            }

            _attaching = p;
        }

        _ = Task.Run(async () =>
        {
            PidSampler? started = null;
            try
            {
                started = await PidSampler.StartAsync(p, TimeSpan.FromSeconds(1), CancellationToken.None);
            }
            catch (Exception e) when (e is Inspect.InspectionException or IOException or TimeoutException or InvalidOperationException)
            {
                // Gone or not answering yet: the next sample tries again.
            }

            PidSampler? previous = null;
            lock (_gate)
            {
                _attaching = null;
                if (_disposed)
                {
                    previous = started; // the run ended while it attached
                }
                else if (started is not null)
                {
                    (previous, _counters, _countersPid) = (_counters, started, p);
                }
            }

            if (previous is not null)
            {
                await previous.DisposeAsync();
            }
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        PidSampler? counters;
        lock (_gate)
        {
            (counters, _counters, _countersPid, _disposed) = (_counters, null, null, true);
        }

        if (counters is not null)
        {
            await counters.DisposeAsync();
        }
    }
}
