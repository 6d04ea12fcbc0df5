using OrderLeakLab.Inspect;
using OrderLeakLab.Inspect.Targets;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// TokenRegistrationProbe counts, at the end of the cooldown (right after the heap probe's full GC), the callbacks
/// registered on each cancellation token source of every running .NET target (<see cref="HeapInspector"/>, live attach).
/// A linked source that is never disposed leaves one registration on the long-lived token it links for every request —
/// a few hundred bytes each, too little to see in memory in a short run, but an exact count that scales with requests.
/// Suspends each target for the walk (no load runs then); a failure is a log line, never the end of the run.
/// </summary>
public sealed class TokenRegistrationProbe(Action<string> log)
{
    private readonly Dictionary<string, IReadOnlyList<TokenRegistrationGroup>> _counts = [];

    /// <summary>Counts every .NET target, one after the other (each walk suspends its target).</summary>
    public async Task MeasureAsync(IReadOnlyList<RunTarget> targets, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            if (target.Pid is not { } pid || !DotNetProcess.IsRunning(pid) || DotNetProcess.FindDiagnosticsSocket(pid) is null)
            {
                continue;
            }

            try
            {
                var report = await HeapInspector.InspectAsync(pid, new InspectOptions(), cancellationToken);
                lock (_counts)
                {
                    _counts[target.Name] = report.TokenRegistrations;
                }

                log($"{target.Name}: after cooldown: {(report.TokenRegistrations.Count == 0 ? "no token source with 100 or more registrations" : report.TokenRegistrations[0].Describe())} (pid {pid})");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log($"{target.Name}: no registration count after cooldown (pid {pid}: {e.Message.ReplaceLineEndings(" ")})");
            }
        }
    }

    /// <summary>What was counted for <paramref name="target"/> (sources with many registrations, most first); null when not counted.</summary>
    public IReadOnlyList<TokenRegistrationGroup>? For(string target)
    {
        lock (_counts)
        {
            return _counts.GetValueOrDefault(target);
        }
    }
}
