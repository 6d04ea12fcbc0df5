namespace OrderService.Tests.Fixtures;

/// <summary>Eventually polls a condition until it holds, instead of sleeping a guessed time.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms until it returns true or <paramref name="timeout"/> passes.</summary>
    /// <exception cref="TimeoutException">The condition did not hold in time; the message says what was awaited.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
