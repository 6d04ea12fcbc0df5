using OrderLeakLab.Inspect.Targets;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// RunTarget is one target while a run goes on: its plan, its supervisor when the lab launched it, and what was
/// recorded (samples, the load generator's ticks between them, CPU).
/// </summary>
public sealed class RunTarget(TargetPlan plan, Supervisor? supervisor, ISampleSource source)
{
    private readonly List<TargetSample> _samples = [];
    private readonly LoadAccumulator _load = new();
    // A target the lab did not start restarts out of its sight: seen from /metrics alone (process start time).
    private readonly RestartDetector? _restarts = supervisor is null ? new RestartDetector() : null;
    private Task<TargetSample>? _reading;
    private int? _lastCpuPid;
    private double _lastCpu;

    /// <summary>The target's name.</summary>
    public string Name => plan.Name;

    /// <summary>What the run was told about it.</summary>
    public TargetPlan Plan => plan;

    /// <summary>The base URL the load goes to.</summary>
    public Uri BaseUrl => plan.Url;

    /// <summary>Its supervisor when the lab launched it; null when attached.</summary>
    public Supervisor? Supervisor => supervisor;

    /// <summary>Where its figures come from.</summary>
    public ISampleSource Source => source;

    /// <summary>
    /// The process to inspect or collect: the running incarnation of a launched target, the attached <c>--pid</c>, or, for
    /// a target given by its URL alone, the process listening on its loopback port (looked up each time: it may have
    /// restarted; never the lab itself, which serves test targets in-process).
    /// </summary>
    public int? Pid => supervisor is not null ? supervisor.Pid : plan.Pid ?? (plan.Source is null ? ListeningPid() : null);

    /// <summary>True when <see cref="Pid"/> is found from the listening socket rather than given or launched.</summary>
    public bool PidFromListener => supervisor is null && plan.Pid is null && plan.Source is null;

    /// <summary>Its memory limit, when the lab set one.</summary>
    public long? LimitBytes => plan.Launch?.MemoryLimitBytes;

    /// <summary>Unplanned exits so far (for an attached target: restarts seen in its metrics).</summary>
    public int Restarts => supervisor?.Restarts ?? _restarts!.Exits.Count;

    /// <summary>Every exit so far (for an attached target: the restarts seen in its metrics).</summary>
    public IReadOnlyList<ExitRecord> Exits => supervisor?.Exits ?? _restarts!.Exits;

    /// <summary>CPU seconds used by all its incarnations so far (launched targets only).</summary>
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

    /// <summary>Adds the load generator's latest interval to what the next sample carries.</summary>
    public void OnLoadTick(LoadTick tick) => _load.Add(tick);

    /// <summary>
    /// Takes one sample: the cgroup (working set, OOM kills) at the tick, then the source; for a launched target whose
    /// scrape fails while the process lives, RSS from /proc. When the previous read is still going (a slow
    /// <c>/metrics</c> misses ticks of its own, never another target's) the tick is recorded as a missing sample with
    /// what the cgroup and /proc say, and null is returned.
    /// </summary>
    public async Task<TargetSample?> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var cgroup = ReadCgroup();
        if (_reading is { IsCompleted: false })
        {
            var (sent, ok, timedOut, errors, p99) = _load.Drain();
            Record(Fill(MetricsReading.Down).ToSample(elapsed, sent, ok, timedOut, errors, p99) with { WorkingSetBytes = cgroup.WorkingSet, OomKills = cgroup.OomKills });
            return null;
        }

        _reading = ReadAsync(elapsed, cgroup, cancellationToken);
        return await _reading;
    }

    /// <summary>Completes when no sample is being read (whatever became of the last one).</summary>
    public Task WhenIdleAsync() => _reading?.ContinueWith(_ => { }, TaskScheduler.Default) ?? Task.CompletedTask;

    private async Task<TargetSample> ReadAsync(TimeSpan elapsed, (long? WorkingSet, long? OomKills) cgroup, CancellationToken cancellationToken)
    {
        var reading = Fill(await source.ReadAsync(cancellationToken));
        _restarts?.Observe(reading, elapsed, DateTimeOffset.UtcNow, Samples);
        AccountCpu(supervisor?.Pid);
        var (sent, ok, timedOut, errors, p99) = _load.Drain();
        return Record(reading.ToSample(elapsed, sent, ok, timedOut, errors, p99) with { WorkingSetBytes = cgroup.WorkingSet, OomKills = cgroup.OomKills });
    }

    // The cgroup is read at the tick, not when a slow scrape returns: it is the kernel's figure for that moment. An empty
    // cgroup (the process just killed, its supervisor not yet told) has no working set: a gap, not a drop to zero.
    private (long? WorkingSet, long? OomKills) ReadCgroup() =>
        supervisor?.Cgroup is { } cgroup
            ? (supervisor.Pid is null || cgroup.ReadPids().Count == 0 ? null : cgroup.ReadWorkingSetBytes(), cgroup.ReadOomKillCount())
            : (null, null);

    // A starved process cannot answer /metrics; its RSS, threads and CPU are still readable from outside, so starvation
    // shows (threads and CPU are filled in whenever the scrape lacks them).
    private int? ListeningPid() => ListeningProcess.Find(plan.Url) is { } pid && pid != Environment.ProcessId ? pid : null;

    private MetricsReading Fill(MetricsReading reading)
    {
        if (supervisor?.Pid is not { } alive)
        {
            return reading;
        }

        var filled = reading with { Threads = reading.Threads ?? ProcStat.ReadThreads(alive), CpuSeconds = reading.CpuSeconds ?? ProcStat.ReadCpuSeconds(alive) };
        return reading.Up ? filled : filled with { RssBytes = ProcStat.ReadRssBytes(alive), LimitBytes = supervisor.Cgroup?.LimitBytes ?? LimitBytes };
    }

    private TargetSample Record(TargetSample sample)
    {
        lock (_samples)
        {
            // A read that outlived later ticks lands in its place: samples stay in time order.
            var at = _samples.Count;
            while (at > 0 && _samples[at - 1].Elapsed > sample.Elapsed)
            {
                at--;
            }

            _samples.Insert(at, sample);
            Latest = _samples[^1];
        }

        return sample;
    }

    /// <summary>The timeline for the verdict and the report.</summary>
    public TargetTimeline ToTimeline()
    {
        var samples = Samples;
        return new(Name, LimitBytes ?? samples.Select(s => s.LimitBytes).LastOrDefault(l => l is not null), samples, Exits);
    }

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
