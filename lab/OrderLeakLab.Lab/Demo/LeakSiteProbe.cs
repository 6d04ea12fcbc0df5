using System.Globalization;
using OrderLeakLab.Inspect;
using OrderLeakLab.Inspect.Heap;
using OrderLeakLab.Inspect.Targets;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Run;

namespace OrderLeakLab.Lab.Demo;

/// <summary>
/// LeakSiteProbe takes a run's one inspection: the first time a launched .NET target's memory crosses
/// <see cref="RunPlan.InspectAtPercent"/> of its limit (in the demo normally the leaky variant, seconds before its
/// first OOM-kill), it inspects that target in the background, trying up to three times: the parked-worker groups,
/// the type table (the types that grew since the end-of-baseline table, when there is one) and one retention path,
/// all from one memory snapshot, so the target is paused only while its memory is copied (never a dump: createdump
/// would run in the target's own memory cgroup and could itself trigger the kill, and writing the file paused the
/// target 6–21 s here). No GC is induced first: that would be a second pause. Only that variant: inspecting the fixed one for contrast paused it 2.5 s under load (measured),
/// enough to disturb the flat line it is there to show. Failures become a note; sampling and the view never wait for it.
/// </summary>
public sealed class LeakSiteProbe(int inspectAtPercent, Action<string> log, Func<string, IReadOnlyList<HeapTypeStat>?>? baselineTypes = null)
{
    private readonly Dictionary<string, LeakSiteFinding> _findings = [];
    private Task _running = Task.CompletedTask;
    private const int Attempts = 3;
    private int _started;

    /// <summary>Whether <paramref name="usedBytes"/> has reached <paramref name="percent"/>% of <paramref name="limitBytes"/>.</summary>
    public static bool Crossed(long? usedBytes, long limitBytes, int percent) =>
        usedBytes is { } used && limitBytes > 0 && used * 100 >= limitBytes * (long)percent;

    /// <summary>The memory the kernel judges the target by: its cgroup's working set, or RSS without a cgroup.</summary>
    public static long? MemoryOf(RunTarget target) => target.Supervisor?.Cgroup?.ReadWorkingSetBytes() ?? target.Latest?.RssBytes;

    /// <summary>Checks every running launched .NET target after a sample; starts the inspection once, at the first crossing.</summary>
    public void OnSampled(IReadOnlyList<RunTarget> targets, TimeSpan elapsed, CancellationToken stop)
    {
        if (Volatile.Read(ref _started) != 0)
        {
            return;
        }

        var hot = targets.FirstOrDefault(t => t.Supervisor?.Pid is { } pid && t.LimitBytes is { } limit
            && Crossed(MemoryOf(t), limit, inspectAtPercent) && DotNetProcess.FindDiagnosticsSocket(pid) is not null);
        if (hot is null || Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        var percent = 100d * MemoryOf(hot)!.Value / hot.LimitBytes!.Value;
        log(string.Create(CultureInfo.InvariantCulture, $"{hot.Name}: memory at {percent:0}% of the limit: inspecting where its workers are parked and what keeps them (memory snapshot)"));
        _running = Task.Run(() => InspectAsync(hot, elapsed, percent, stop), CancellationToken.None);
    }

    /// <summary>Whether the threshold was crossed and the inspection begun.</summary>
    public bool Started => Volatile.Read(ref _started) != 0;

    /// <summary>Waits for a running inspection to finish or give up (after its token is cancelled).</summary>
    public Task WaitAsync() => _running;

    /// <summary>What the inspection found for <paramref name="target"/>, if it ran and succeeded.</summary>
    public LeakSiteFinding? FindingFor(string target)
    {
        lock (_findings)
        {
            return _findings.GetValueOrDefault(target);
        }
    }

    /// <summary>Rows for the report's "where the workers are parked" table, at most <paramref name="perTarget"/> groups each.</summary>
    public IReadOnlyList<ParkedWorkersRow> ParkedRows(int perTarget = 8)
    {
        lock (_findings)
        {
            return _findings.Values
                .SelectMany(f => f.Report.AsyncGroups.Take(perTarget).Select(g => new ParkedWorkersRow(f.Target, $"{g.Method} (state {g.State})", g.Awaiting, g.Count, null)))
                .ToList();
        }
    }

    private async Task InspectAsync(RunTarget variant, TimeSpan elapsed, double percent, CancellationToken stop)
    {
        // A process suspended under load can be mid-GC; the next attach a moment later usually is not.
        for (var attempt = 1; attempt <= Attempts && variant.Pid is { } pid && !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                var options = new InspectOptions { Heap = true, BaselineTypes = baselineTypes?.Invoke(variant.Name), PathTypeCount = 1 };
                var report = await HeapInspector.InspectAsync(pid, options, stop);
                var finding = new LeakSiteFinding(variant.Name, elapsed, percent, report);
                lock (_findings)
                {
                    _findings[variant.Name] = finding;
                }

                log($"{variant.Name}: {finding.Line}");
                if (report.PauseStages is { } stages)
                {
                    log($"{variant.Name}: pause: {stages}");
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                log($"{variant.Name}: inspection {attempt}/{Attempts} of pid {pid} failed ({e.Message.ReplaceLineEndings(" ")}){(attempt < Attempts ? "" : "; the verdict stands without it")}");
                await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
