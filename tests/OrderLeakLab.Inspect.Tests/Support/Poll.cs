namespace OrderLeakLab.Inspect.Tests.Support;

/// <summary>Awaits a condition with a generous deadline instead of sleeping a fixed time (the machine is shared).</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        await UntilAsync(() => Task.FromResult(condition()), what, deadline);
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var end = DateTime.UtcNow + (deadline ?? TimeSpan.FromMinutes(2));
        while (!await condition())
        {
            if (DateTime.UtcNow > end)
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }

            await Task.Delay(100);
        }
    }
}
