namespace OrderLeakLab.Lab.Run;

/// <summary>
/// SampleLoop samples every target on a <see cref="SampleSchedule"/> until stopped, then calls
/// <c>onSampled</c> (inspection trigger, live view) with the tick's run time. A slow source holds up neither the
/// schedule nor the other targets: each tick waits for the reads at most until the next tick is due, and a target
/// still reading then skips that tick.
/// </summary>
public sealed class SampleLoop(IReadOnlyList<RunTarget> targets, SampleSchedule schedule, TimeProvider time, long runStart, Action<TimeSpan, CancellationToken> onSampled)
{
    /// <summary>The schedule, for re-phasing on the load start.</summary>
    public SampleSchedule Schedule => schedule;

    /// <summary>Samples until <paramref name="stop"/> is cancelled (waiting for reads still going); never throws for that.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await LoopAsync(stop);
        }
        finally
        {
            // Reads left running when the loop stopped end with the stop token; the caller disposes their sources next.
            await Task.WhenAll(targets.Select(t => t.WhenIdleAsync()));
        }
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var now = time.GetElapsedTime(runStart);
                var due = schedule.Next(now);
                if (due > now)
                {
                    await Task.Delay(due - now, time, stop);
                }

                var elapsed = time.GetElapsedTime(runStart);
                var reads = Task.WhenAll(targets.Select(t => t.SampleAsync(elapsed, stop)));
                var next = schedule.Peek(elapsed);
                await Task.WhenAny(reads, Task.Delay(next - elapsed, time, stop));
                stop.ThrowIfCancellationRequested();
                onSampled(elapsed, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
