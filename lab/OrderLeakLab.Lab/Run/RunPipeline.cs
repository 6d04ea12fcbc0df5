using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Live;
using OrderLeakLab.Lab.Sampling;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// RunPipeline is one run of <c>leaklab demo</c> or <c>leaklab soak</c> (DESIGN §5 "one pipeline, two presets"): launch
/// the launched targets (<see cref="TargetLauncher"/>), wait until they are ready (<see cref="ReadinessGate"/>), sample
/// every target (<see cref="SampleLoop"/>) through baseline, load (<see cref="ILoadDriver"/>) and cooldown, take the heap
/// evidence (<see cref="HeapProbe"/>) and the leak site (<see cref="LeakSiteProbe"/>), then judge and report
/// (<see cref="RunReporter"/>). Whatever happens — normal end, failure, Ctrl-C or SIGTERM at any moment — children are
/// killed, cgroups removed and the (partial) report written before it returns.
/// </summary>
public sealed class RunPipeline(RunPlan plan, ILoadDriver load, IDemoView view, TimeProvider time)
{
    private readonly long _runStart = time.GetTimestamp();
    private readonly List<RunTarget> _targets = [];
    private readonly List<string> _notes = [];
    private volatile string _phase = "starting";
    private string? _interruptedBy;
    private TimeSpan? _loadStart;

    /// <summary>
    /// Runs <paramref name="plan"/> with the real load engine, the view that fits stdout and the system clock, until it
    /// ends or <paramref name="signals"/> fire (registered by the command before anything was started).
    /// </summary>
    public static async Task<int> RunAsync(RunPlan plan, bool live, InterruptSignals signals)
    {
        // Said before the first frame: starting services and waiting for them to be ready can take a while.
        Console.Out.WriteLine(plan.Describe());
        await using IDemoView view = live ? new SpectreLiveView(plan.Title) : new PlainView(Console.Out);
        var pipeline = new RunPipeline(plan, new LoadDriver(plan.Load, TimeProvider.System, plan.RampUp), view, TimeProvider.System);
        // Runs at once when the signal came before this line: the pipeline then cleans up what it has and returns 130.
        using var said = signals.Token.Register(() => pipeline.OnInterrupted(signals.Reason ?? "cancelled"));
        return await pipeline.RunAsync(signals.Token);
    }

    /// <summary>Names what is stopping the run ("Ctrl-C", "SIGTERM") in the view and the partial report.</summary>
    private void OnInterrupted(string reason)
    {
        _interruptedBy ??= reason;
        view.Log($"{reason}: stopping, cleaning up…");
    }

    private TimeSpan Elapsed => time.GetElapsedTime(_runStart);

    /// <summary>
    /// Runs the plan; returns 0 when the expectation held (or none was given), 1 when not or on failure, 130 when
    /// <paramref name="cancellationToken"/> stopped it (named by <see cref="OnInterrupted"/> when a signal did).
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        TimeSpan? loadEnd = null;
        string? partial = null;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        using var stopSampling = new CancellationTokenSource();
        using var stopProbe = new CancellationTokenSource();
        var heap = new HeapProbe(plan.Heap.GcTimeout, time, _runStart, view.Log);
        var probe = plan.Inspect ? new LeakSiteProbe(plan.InspectAtPercent, Note, heap.BaselineTypes) : null;
        var registrations = new TokenRegistrationProbe(view.Log);
        var launcher = new TargetLauncher(time, _runStart, view.Log, Note);
        var sampling = Task.CompletedTask;
        try
        {
            cancellationToken.ThrowIfCancellationRequested(); // interrupted before the run began: start nothing
            await CreateTargetsAsync(launcher, http);
            launcher.Start();
            var loop = new SampleLoop(_targets, new SampleSchedule(plan.SampleInterval), time, _runStart, (elapsed, _) => OnSampled(probe, elapsed, stopProbe.Token));
            sampling = loop.RunAsync(stopSampling.Token);
            var ct = cancellationToken;
            _phase = "waiting for ready";
            if (_targets.Any(t => t.Supervisor is not null))
            {
                view.Log($"waiting for {string.Join(", ", _targets.Where(t => t.Supervisor is not null).Select(t => t.Name))} to answer /readyz (up to {DurationFormat.Typed(plan.ReadyTimeout)})");
            }

            await new ReadinessGate(http, time).WaitAsync(_targets, plan.ReadyTimeout, ct);
            _phase = "baseline";
            view.Log($"{(_targets.Any(t => t.Supervisor is not null) ? "ready" : "sampling")} at {Elapsed.TotalSeconds:0}s; baseline {DurationFormat.Typed(plan.Baseline)}");
            await Task.Delay(plan.Baseline, time, ct);
            await MeasureHeapAsync(heap, HeapMoment.EndOfBaseline, ct);
            _loadStart = Elapsed;
            loop.Schedule.AlignTo(_loadStart.Value);
            _phase = "load";
            view.Log($"load: {plan.Rate} req/s per target for {DurationFormat.Typed(plan.Duration)}{(plan.RampUp > TimeSpan.Zero ? $" (ramp-up {DurationFormat.Typed(plan.RampUp)})" : "")}: {plan.Load.Description}");
            var loadTargets = _targets.Select(t => new LoadTarget(t.Name, t.BaseUrl)).ToList();
            await load.RunAsync(loadTargets, plan.Rate, plan.Duration, tick => _targets.FirstOrDefault(t => t.Name == tick.Target)?.OnLoadTick(tick), ct);
            ct.ThrowIfCancellationRequested();
            loadEnd = Elapsed;
            _phase = "cooldown";
            view.Log($"cooldown {DurationFormat.Typed(plan.Cooldown)}: load stopped");
            await RequestFullGcAsync(http, ct);
            await Task.Delay(plan.Cooldown, time, ct);
            await MeasureHeapAsync(heap, HeapMoment.EndOfCooldown, ct);
            if (plan.CountRegistrations)
            {
                await registrations.MeasureAsync(_targets, ct);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _interruptedBy ??= "cancelled";
            partial = $"interrupted ({_interruptedBy}) at {Elapsed.TotalSeconds:0}s during {_phase}";
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
            await (probe?.WaitAsync() ?? Task.CompletedTask); // the target is resumed before its supervisor stops it
            await launcher.StopAsync();
            foreach (var source in _targets.Select(t => t.Source).Concat(plan.Targets.Select(t => t.Source)).OfType<IAsyncDisposable>().Distinct())
            {
                await source.DisposeAsync();
            }
        }

        var outcome = new RunOutcome(startedAt, _loadStart, loadEnd, Elapsed, partial, _interruptedBy);
        await view.DisposeAsync();
        return await new RunReporter(plan, Console.Out, Console.Error).FinishAsync(outcome, _targets, heap, probe, _notes, registrations);
    }

    private async Task CreateTargetsAsync(TargetLauncher launcher, HttpClient http)
    {
        if (plan.Targets.FirstOrDefault(t => t.Launch is not null)?.Launch is { } first)
        {
            await launcher.OpenAsync(first.MemoryLimitBytes, first.Oom);
        }

        foreach (var target in plan.Targets)
        {
            var supervisor = target.Launch is null ? null : launcher.Launch(target);
            ISampleSource source = target.MetricsUrl is { } metrics ? new MetricsScraper(http, metrics)
                : target.Source ?? (supervisor is not null
                    ? new LaunchedProcessSource(() => supervisor.Pid, target.Launch!.MemoryLimitBytes)
                    : new MetricsScraper(http, new Uri(target.Url, "metrics")));
            _targets.Add(new RunTarget(target, supervisor, source));
            if (supervisor is null)
            {
                Note($"{target.Name}: load → {target.Url}, samples ← {source.Description}");
            }
        }
    }

    private void OnSampled(LeakSiteProbe? probe, TimeSpan elapsed, CancellationToken stopProbe)
    {
        probe?.OnSampled(_targets, elapsed, stopProbe);
        var phase = _phase == "load" && _loadStart is { } started
            ? $"load {(elapsed - started).TotalSeconds:0}s/{DurationFormat.Typed(plan.Duration)}"
            : _phase;
        view.Render(new DemoSnapshot(elapsed, phase, plan.DisplayLimitBytes ?? 0, _targets));
    }

    private async Task MeasureHeapAsync(HeapProbe heap, HeapMoment moment, CancellationToken ct)
    {
        if (plan.HeapEvidence)
        {
            await heap.MeasureAsync(_targets, moment, ct);
        }
    }

    private async Task RequestFullGcAsync(HttpClient http, CancellationToken ct)
    {
        foreach (var target in _targets.Where(t => t.Plan.AdminUrl is not null))
        {
            try
            {
                using var response = await http.PostAsync(new Uri(target.Plan.AdminUrl!, "debug/gc"), null, ct);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                view.Log($"{target.Name}: POST /debug/gc failed ({e.Message}); the cooldown relies on the GC's own pace");
            }
        }
    }

    private void Note(string line)
    {
        lock (_notes)
        {
            _notes.Add(line); // also from the background inspection
        }

        view.Log(line);
    }
}
