using System.Diagnostics;

namespace OrderLeakLab.Testing;

/// <summary>
/// Eventually awaits a condition instead of sleeping a guessed time: the machine is shared and its speed is not a
/// test's to assume. The deadline is only a guard against hanging; a test judges what happened, not how fast.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="condition"/> every <paramref name="every"/> (50 ms) until it holds.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="deadline"/>; the message says what was awaited.</exception>
    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what, TimeSpan? every = null) =>
        UntilAsync(() => Task.FromResult(condition()), deadline, what, every);

    /// <summary>Polls the asynchronous <paramref name="condition"/> every <paramref name="every"/> (50 ms) until it holds.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="deadline"/>; the message says what was awaited.</exception>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what, TimeSpan? every = null) =>
        UntilAsync(condition, deadline, () => what, every);

    /// <summary>Polls <paramref name="condition"/> until it holds; <paramref name="what"/> is asked at the deadline, so it can describe the state then.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="deadline"/>; the message says what was awaited.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, Func<string> what, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"gave up after {deadline.TotalSeconds:0}s waiting for: {what()}");
            }

            await Task.Delay(every ?? DefaultEvery);
        }
    }
}
