using OrderLeakLab.Inspect;
using OrderLeakLab.Inspect.Heap;
using OrderLeakLab.Inspect.Targets;
using static System.FormattableString;
using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// HeapProbe takes the heap evidence of a run (memlab's way): at each <see cref="HeapMoment"/> it induces a full
/// blocking GC over EventPipe in every target that is a running .NET process (it has a diagnostics socket) and
/// records the managed heap the runtime reports after it; at the end of the baseline it also takes the type table.
/// Targets that are not .NET, or not running, are skipped.
/// A failure is a log line, never the end of the run.
/// </summary>
public sealed class HeapProbe(TimeSpan gcTimeout, TimeProvider time, long runStart, Action<string> log)
{
    private readonly Dictionary<(string Target, HeapMoment Moment), HeapMeasurement> _measurements = [];
    private readonly Dictionary<string, IReadOnlyList<HeapTypeStat>> _baselineTypes = [];

    /// <summary>
    /// The type table taken right after the end-of-baseline GC (a memory snapshot of the small, idle process: a short
    /// pause), against which the leak-site inspection lists the types that grew; null when none was taken.
    /// </summary>
    public IReadOnlyList<HeapTypeStat>? BaselineTypes(string target)
    {
        lock (_measurements)
        {
            return _baselineTypes.GetValueOrDefault(target);
        }
    }

    /// <summary>
    /// Collects every .NET target at <paramref name="moment"/>, side by side. Targets that are one process (a service
    /// judged from its /metrics and by pid in the same run) get one GC and share its figure.
    /// </summary>
    public Task MeasureAsync(IReadOnlyList<RunTarget> targets, HeapMoment moment, CancellationToken cancellationToken) =>
        Task.WhenAll(targets.Select(t => (Target: t, t.Pid)).Where(t => t.Pid is not null).GroupBy(t => t.Pid!.Value)
            .Select(g => MeasureAsync(g.Key, g.Select(t => t.Target).ToList(), moment, cancellationToken)));

    /// <summary>The measurement of <paramref name="target"/> at <paramref name="moment"/>, if one was taken.</summary>
    public HeapMeasurement? At(string target, HeapMoment moment)
    {
        lock (_measurements)
        {
            return _measurements.GetValueOrDefault((target, moment));
        }
    }

    private async Task MeasureAsync(int pid, IReadOnlyList<RunTarget> targets, HeapMoment moment, CancellationToken cancellationToken)
    {
        if (!DotNetProcess.IsRunning(pid) || DotNetProcess.FindDiagnosticsSocket(pid) is null)
        {
            return;
        }

        var names = string.Join(", ", targets.Select(t => t.Name));
        var when = moment == HeapMoment.EndOfBaseline ? "end of baseline" : "end of cooldown";
        try
        {
            var (collected, heap) = await GcTrigger.CollectAndMeasureAsync(pid, gcTimeout, cancellationToken);
            if (!collected || heap is null)
            {
                log($"{names}: no heap figure at the {when} (pid {pid}: {(collected ? "the GC's statistics did not arrive" : "the induced GC did not end in time")})");
                return;
            }

            var measurement = new HeapMeasurement(time.GetElapsedTime(runStart), pid, heap.LiveBytes);
            lock (_measurements)
            {
                foreach (var target in targets)
                {
                    _measurements[(target.Name, moment)] = measurement;
                }
            }

            var found = targets.All(t => t.PidFromListener) ? $", the .NET process listening on port {targets[0].BaseUrl.Port}" : "";
            log($"{names}: full GC at the {when}: managed heap {ByteFormat.Human(heap.LiveBytes)} live after it ({ByteFormat.Human(heap.HeapBytes)} with free space; pid {pid}{found})");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log($"{names}: no heap figure at the {when} (pid {pid}: {e.Message.ReplaceLineEndings(" ")})");
            return;
        }

        // The type table serves the leak-site inspection, which looks only into the targets the lab launched.
        if (moment == HeapMoment.EndOfBaseline && TypeTableAtBaseline && targets.Any(t => t.Supervisor is not null))
        {
            await TakeBaselineTypesAsync(targets, names, pid, when, cancellationToken);
        }
    }

    /// <summary>Whether the end of the baseline also takes a type table, against which the leak site lists what grew. Default true.</summary>
    internal static bool TypeTableAtBaseline { get; set; } = true;

    private async Task TakeBaselineTypesAsync(IReadOnlyList<RunTarget> targets, string names, int pid, string when, CancellationToken cancellationToken)
    {
        try
        {
            // A snapshot, not live: the target is paused only while its memory is copied (tens of ms for an idle service),
            // where a live census holds it suspended for the whole heap walk (6–10 s measured on a loaded 2-core box).
            var census = await HeapInspector.InspectAsync(pid, new InspectOptions { Heap = true, PathTypeCount = 0, Live = false }, cancellationToken);
            lock (_measurements)
            {
                foreach (var target in targets)
                {
                    _baselineTypes[target.Name] = census.HeapTypes;
                }
            }

            log(Invariant($"{names}: type table at the {when}: {census.HeapTypes.Count:N0} types (target paused {census.TargetPaused.TotalMilliseconds:0} ms)"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log($"{names}: no type table at the {when} (pid {pid}: {e.Message.ReplaceLineEndings(" ")}); the leak-site inspection lists the largest types instead");
        }
    }
}
