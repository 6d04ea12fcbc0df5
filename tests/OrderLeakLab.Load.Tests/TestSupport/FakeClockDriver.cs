namespace OrderLeakLab.Load.Tests.TestSupport;

/// <summary>
/// Drives a run on a <see cref="TimerCountingTimeProvider"/> (FakeTimeProvider's clock): waits until every engine loop has
/// armed its timer (one per scenario: its dispatch-and-interval loop), then moves time by one step. A timer due inside a
/// step fires at the step's end (FakeTimeProvider's callbacks see the time advanced to), so steps should divide the
/// schedules' intervals when a test asserts lag or latency.
/// Steps must complete synchronously or wait on the run's token, so the only timers are the engine's.
/// The driver runs on the thread pool, outside xunit's SynchronizationContext: there, an answer completed in
/// <c>beforeStep</c> and a fired timer run the engine's continuations inline, before time moves on. Under xunit's context
/// they were queued to the pool instead, and on a loaded box the clock could move 60 ms before the engine recorded an
/// answer (CI: a 40 ms latency measured as 100 ms).
/// </summary>
internal static class FakeClockDriver
{
    public static Task<T> DriveAsync<T>(TimerCountingTimeProvider clock, Task<T> run, TimeSpan step, int scenarios = 1, Action<TimeSpan>? beforeStep = null) =>
        Task.Run(() => DriveOnThePoolAsync(clock, run, step, scenarios, beforeStep));

    private static async Task<T> DriveOnThePoolAsync<T>(TimerCountingTimeProvider clock, Task<T> run, TimeSpan step, int scenarios, Action<TimeSpan>? beforeStep)
    {
        var elapsed = TimeSpan.Zero;
        while (!run.IsCompleted)
        {
            await Eventually.UntilAsync(() => run.IsCompleted || clock.ArmedTimers >= scenarios, TimeSpan.FromSeconds(60), "engine timers armed", every: TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
            if (run.IsCompleted)
            {
                break;
            }

            beforeStep?.Invoke(elapsed);
            clock.Advance(step);
            elapsed += step;
        }

        return await run.ConfigureAwait(false);
    }
}
