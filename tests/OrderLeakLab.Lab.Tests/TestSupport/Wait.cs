namespace OrderLeakLab.Lab.Tests.TestSupport;

/// <summary>Awaits a condition with a generous deadline instead of sleeping a fixed time (the machine is shared).</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        var start = DateTime.UtcNow;
        while (!condition())
        {
            if (DateTime.UtcNow - start > deadline)
            {
                throw new TimeoutException($"gave up after {deadline.TotalSeconds:0}s waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var start = DateTime.UtcNow;
        while (!await condition())
        {
            if (DateTime.UtcNow - start > deadline)
            {
                throw new TimeoutException($"gave up after {deadline.TotalSeconds:0}s waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    public static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);
}
