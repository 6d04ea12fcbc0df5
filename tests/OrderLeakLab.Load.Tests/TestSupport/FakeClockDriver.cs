namespace OrderLeakLab.Load.Tests.TestSupport;

/// <summary>
/// Drives a run on a <see cref="ManualTimeProvider"/>: waits until every engine loop has armed its timer
/// (one per scenario: its dispatch-and-interval loop), then moves time by one step.
/// Steps must complete synchronously or wait on the run's token, so the only timers are the engine's.
/// </summary>
internal static class FakeClockDriver
{
    public static async Task<T> DriveAsync<T>(ManualTimeProvider clock, Task<T> run, TimeSpan step, int scenarios = 1, Action<TimeSpan>? beforeStep = null)
    {
        var elapsed = TimeSpan.Zero;
        while (!run.IsCompleted)
        {
            await Eventually.UntilAsync(() => run.IsCompleted || clock.PendingTimers >= scenarios, TimeSpan.FromSeconds(60), "engine timers armed", every: TimeSpan.FromMilliseconds(1));
            if (run.IsCompleted)
            {
                break;
            }

            beforeStep?.Invoke(elapsed);
            clock.Advance(step);
            elapsed += step;
        }

        return await run;
    }
}
