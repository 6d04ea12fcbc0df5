namespace OrderLeakLab.Load.Tests.TestSupport;

/// <summary>Waits for a condition with a generous real-time deadline instead of sleeping a fixed time (the machine is shared).</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Delay(1);
        }
    }
}
