using System.Runtime.InteropServices;
using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Live;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Report;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Supervision;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Demo;

/// <summary>
/// DemoRunner is <c>leaklab demo</c> end to end: cgroups, both variants under supervision, readiness, baseline,
/// load, cooldown, a sample per second, then the verdict, the report and the exit code. Whatever happens —
/// normal end, failure, Ctrl-C or SIGTERM at any moment — children are killed, cgroups removed and the
/// (partial) report written before it returns.
/// </summary>
public sealed class DemoRunner(DemoOptions options, ILoadDriver load, IDemoView view, TimeProvider time)
{
    private readonly long _runStart = time.GetTimestamp();
    private readonly List<DemoVariant> _variants = [];
    private readonly List<string> _notes = [];
    private string _phase = "starting";
    private string? _interruptedBy;
    private TimeSpan? _loadStart;
    private LeakSiteProbe? _probe;

    /// <summary>Runs a demo with the real load engine, the console view that fits stdout, and the system clock.</summary>
    public static async Task<int> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        await using IDemoView view = options.Live ? new SpectreLiveView() : new PlainView(Console.Out);
        return await new DemoRunner(options, new OrderLoadDriver(TimeProvider.System, options.RampUp), view, TimeProvider.System).RunAsync(cancellationToken);
    }

    private TimeSpan Elapsed => time.GetElapsedTime(_runStart);

    /// <summary>Runs the demo; returns 0 when the expectation held, 1 when not or on failure, 130 when interrupted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // Clean up first; the run returns as soon as children and cgroups are gone.
            _interruptedBy ??= context.Signal == PosixSignal.SIGINT ? "Ctrl-C" : context.Signal.ToString();
            view.Log($"{_interruptedBy}: stopping, cleaning up…");
            interrupt.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var startedAt = time.GetUtcNow();
        var dll = ServiceLocator.Find(options.ServiceDll, out var looked);
        if (dll is null)
        {
            await Console.Error.WriteLineAsync($"leaklab demo: the order service is not built (looked at {looked}). Run `dotnet build lab/OrderLeakLab.Lab` or pass --service-dll.");
            return ExitCodes.ExpectationFailed;
        }

        var runId = Guid.NewGuid().ToString("n")[..8];
        var host = MemoryCgroupHost.TryOpen(out var whyNot);
        Note(host is null
            ? $"no cgroup rights ({whyNot}): falling back to the GC heap hard limit {StatusText.Mi(options.MemoryLimitBytes)} per variant; exits will be managed OutOfMemoryException, not OOMKilled"
            : $"run {runId}: memory limit {StatusText.Mi(options.MemoryLimitBytes)} per variant via {host.Kind} under {host.ParentPath}; --oom {options.Oom.ToString().ToLowerInvariant()}");
        foreach (var stale in host is null ? [] : await host.SweepStaleAsync())
        {
            Note($"removed stale cgroup {stale} left by an earlier run");
        }

        TimeSpan? loadStart = null, loadEnd = null;
        string? partial = null;
        using var stopSupervisors = new CancellationTokenSource();
        using var stopSampling = new CancellationTokenSource();
        using var stopProbe = new CancellationTokenSource();
        _probe = options.Inspect ? new LeakSiteProbe(options.InspectAtPercent, Note) : null;
        var supervisorTasks = new List<Task>();
        var cgroups = new List<IMemoryCgroup>();
        Task sampling = Task.CompletedTask;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            foreach (var name in LabDefaults.Variants)
            {
                var cgroup = host?.Create(runId, name, options.MemoryLimitBytes);
                if (cgroup is not null)
                {
                    cgroups.Add(cgroup);
                }

                var (httpPort, adminPort) = (FreePort.Next(), FreePort.Next());
                var spec = VariantLaunch.Create(name, dll, httpPort, adminPort, cgroup, options.Oom, options.MemoryLimitBytes);
                var supervisorOptions = new SupervisorOptions
                {
                    Backoff = options.Backoff,
                    LivenessUrl = options.Oom == OomMode.Managed || cgroup is null ? new Uri($"http://127.0.0.1:{httpPort}/healthz") : null,
                };
                var supervisor = new Supervisor(name, spec, cgroup, supervisorOptions, time, view.Log, _runStart);
                _variants.Add(new DemoVariant(name, httpPort, adminPort, supervisor, new MetricsScraper(http, new Uri($"http://127.0.0.1:{httpPort}/metrics"))));
            }

            supervisorTasks.AddRange(_variants.Select(v => Task.Run(() => v.Supervisor.RunAsync(stopSupervisors.Token))));
            sampling = SampleLoopAsync(stopSampling.Token, stopProbe.Token);
            var ct = interrupt.Token;
            await WaitReadyAsync(http, ct);
            _phase = "baseline";
            view.Log($"both variants ready at {Elapsed.TotalSeconds:0}s; baseline {DurationParser.Format(options.Baseline)}");
            await Task.Delay(options.Baseline, time, ct);
            loadStart = _loadStart = Elapsed;
            _phase = "load";
            view.Log($"load: {options.Rate} req/s per variant for {DurationParser.Format(options.Duration)} (ramp-up {DurationParser.Format(options.RampUp)})");
            var targets = _variants.Select(v => new LoadTarget(v.Name, v.BaseUrl)).ToList();
            await load.RunAsync(targets, options.Rate, options.Duration, tick => _variants.FirstOrDefault(v => v.Name == tick.Target)?.OnLoadTick(tick), ct);
            ct.ThrowIfCancellationRequested();
            loadEnd = Elapsed;
            _phase = "cooldown";
            view.Log($"cooldown {DurationParser.Format(options.Cooldown)}: load stopped, full GC requested");
            await RequestFullGcAsync(http, ct);
            await Task.Delay(options.Cooldown, time, ct);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            partial = $"interrupted ({_interruptedBy ?? "cancelled"}) at {Elapsed.TotalSeconds:0}s during {_phase}";
        }
        catch (Exception e)
        {
            partial = $"failed at {Elapsed.TotalSeconds:0}s during {_phase}: {e.Message}";
        }
        finally
        {
            _phase = "stopping";
            await stopSampling.CancelAsync();
            await sampling;
            await stopProbe.CancelAsync();
            await (_probe?.WaitAsync() ?? Task.CompletedTask); // the target is resumed before its supervisor stops it
            await stopSupervisors.CancelAsync();
            await Task.WhenAll(supervisorTasks);
            foreach (var cgroup in cgroups)
            {
                if (!await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10)))
                {
                    Note($"could not remove cgroup {cgroup.Path}; the next run sweeps it");
                }
            }

            var parentGone = host?.TryRemoveParentIfEmpty() == true; // left when another run still has its cgroups there
            view.Log($"stopped: every child ended{(cgroups.Count > 0 ? ", cgroups removed" : "")}{(parentGone ? $", {host!.ParentPath} removed" : "")}");
        }

        return await FinishAsync(startedAt, loadStart, loadEnd, partial);
    }

    private async Task<int> FinishAsync(DateTimeOffset startedAt, TimeSpan? loadStart, TimeSpan? loadEnd, string? partial)
    {
        var end = Elapsed;
        var phases = new RunPhases(loadStart ?? end, loadEnd ?? end, end);
        var timelines = _variants.Select(v => v.ToTimeline(options.MemoryLimitBytes)).ToList();
        var verdicts = timelines.Select(t => WithLeakSite(VerdictEvaluator.Evaluate(t, phases))).ToList();
        var expectation = Expectation.Evaluate(options.Expect, verdicts);
        if (_probe is { Started: false })
        {
            _notes.Add($"no inspection: no variant's memory reached {options.InspectAtPercent}% of the limit while it ran");
        }

        var report = new RunReport("leaklab demo", startedAt, phases, timelines, verdicts, expectation, partial)
        {
            Notes = _notes,
            ParkedWorkers = _probe?.ParkedRows() ?? [],
        };
        await view.DisposeAsync();
        try
        {
            var paths = await ReportWriter.WriteAsync(report, options.ReportDirectory, CancellationToken.None);
            Console.WriteLine($"report: {string.Join(", ", paths)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotImplementedException)
        {
            await Console.Error.WriteLineAsync($"leaklab demo: could not write the report to {options.ReportDirectory}: {e.Message}");
        }

        DemoSummary.Write(Console.Out, report, _variants, TimeSpan.FromSeconds(20));
        return _interruptedBy is not null ? ExitCodes.Interrupted
            : partial is not null ? ExitCodes.ExpectationFailed
            : expectation.ExitCode;
    }

    private TargetVerdict WithLeakSite(TargetVerdict verdict) => _probe?.FindingFor(verdict.Name) is { } finding
        ? verdict with { Evidence = [.. verdict.Evidence, .. finding.Evidence] }
        : verdict;

    private void Note(string line)
    {
        lock (_notes)
        {
            _notes.Add(line); // also from the background inspection
        }

        view.Log(line);
    }

    private async Task SampleLoopAsync(CancellationToken stop, CancellationToken stopProbe)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var elapsed = Elapsed;
                await Task.WhenAll(_variants.Select(v => v.SampleAsync(elapsed, stop)));
                _probe?.OnSampled(_variants, options.MemoryLimitBytes, elapsed, stopProbe);
                var phase = _phase == "load" && _loadStart is { } started
                    ? $"load {(elapsed - started).TotalSeconds:0}s/{DurationParser.Format(options.Duration)}"
                    : _phase;
                view.Render(new DemoSnapshot(elapsed, phase, options.MemoryLimitBytes, _variants));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WaitReadyAsync(HttpClient http, CancellationToken ct)
    {
        var deadline = Elapsed + TimeSpan.FromMinutes(2);
        var pending = _variants.ToList();
        while (pending.Count > 0)
        {
            if (Elapsed > deadline)
            {
                throw new TimeoutException($"not ready after 2 minutes: {string.Join(", ", pending.Select(v => v.Name))} (GET /readyz)");
            }

            foreach (var v in pending.ToList())
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(v.BaseUrl, "readyz"), ct);
                    if (response.IsSuccessStatusCode)
                    {
                        pending.Remove(v);
                    }
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
                {
                    // Still starting.
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
        }
    }

    private async Task RequestFullGcAsync(HttpClient http, CancellationToken ct)
    {
        foreach (var v in _variants)
        {
            try
            {
                using var response = await http.PostAsync(new Uri(v.AdminUrl, "debug/gc"), null, ct);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                view.Log($"{v.Name}: POST /debug/gc failed ({e.Message}); the cooldown relies on the GC's own pace");
            }
        }
    }
}
