namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>Awaits a condition with a generous deadline instead of sleeping a fixed time (the machine is shared).</summary>
internal static class Poll
{
    /// <summary>Re-evaluates <paramref name="condition"/> every 250 ms until true; fails with <paramref name="why"/> at the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> why)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!await condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                Assert.Fail($"not within {timeout.TotalSeconds:0} s: {why()}");
            }

            await Task.Delay(250);
        }
    }
}
