using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Demo;

/// <summary>DemoVariant is one supervised variant in a demo run: its addresses, its supervisor and what was recorded.</summary>
public sealed class DemoVariant(string name, int httpPort, int adminPort, Supervisor supervisor, ISampleSource metrics)
{
    private readonly List<TargetSample> _samples = [];
    private LoadTick? _pendingTick;
    private int? _lastCpuPid;
    private double _lastCpu;

    /// <summary>The variant's name (<c>leaky</c> or <c>fixed</c>).</summary>
    public string Name => name;

    /// <summary>Base URL of its order API.</summary>
    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{httpPort}/");

    /// <summary>Base URL of its admin listener (<c>/debug/…</c>).</summary>
    public Uri AdminUrl { get; } = new($"http://127.0.0.1:{adminPort}/");

    /// <summary>Its supervisor.</summary>
    public Supervisor Supervisor => supervisor;

    /// <summary>CPU seconds used by all its incarnations so far.</summary>
    public double CpuSeconds { get; private set; }

    /// <summary>The latest sample, if any.</summary>
    public TargetSample? Latest { get; private set; }

    /// <summary>Samples so far, oldest first.</summary>
    public IReadOnlyList<TargetSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return _samples.ToArray();
            }
        }
    }

    /// <summary>Keeps the load generator's latest interval until the next sample takes it.</summary>
    public void OnLoadTick(LoadTick tick) => Interlocked.Exchange(ref _pendingTick, tick);

    /// <summary>Takes one sample: scrape <c>/metrics</c>, fill RSS from /proc when the scrape fails but the process lives.</summary>
    public async Task<TargetSample> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var reading = await metrics.ReadAsync(cancellationToken);
        var pid = supervisor.Pid;
        if (!reading.Up && pid is { } alive)
        {
            reading = reading with { RssBytes = ProcStat.ReadRssBytes(alive), LimitBytes = supervisor.Cgroup?.LimitBytes };
        }

        AccountCpu(pid);
        var tick = Interlocked.Exchange(ref _pendingTick, null);
        var sample = reading.ToSample(elapsed, tick?.SentPerSecond ?? 0, tick?.Ok ?? 0, tick?.TimedOut ?? 0, tick?.Errors ?? 0, tick?.P99Ms);
        lock (_samples)
        {
            _samples.Add(sample);
        }

        Latest = sample;
        return sample;
    }

    /// <summary>The timeline for the verdict and the report.</summary>
    public TargetTimeline ToTimeline(long limitBytes) => new(Name, limitBytes, Samples, supervisor.Exits);

    private void AccountCpu(int? pid)
    {
        if (pid is not { } p || ProcStat.ReadCpuSeconds(p) is not { } cpu)
        {
            return;
        }

        CpuSeconds += p == _lastCpuPid ? Math.Max(0, cpu - _lastCpu) : cpu;
        _lastCpuPid = p;
        _lastCpu = cpu;
    }
}
