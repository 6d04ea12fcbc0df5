using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Tests.Verdict;

public class TimeToLimitTests
{
    private static readonly RunPhases Phases = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(190), TimeSpan.FromSeconds(220));

    private static ExitRecord Oom(double at, double uptime) =>
        new(TimeSpan.FromSeconds(at), 137, ExitReason.OomKilled, "exit 137, oom_kill +1", TimeSpan.FromSeconds(uptime));

    [Fact]
    public void Observed_FirstIncarnationStartedBeforeLoad_CountsOnlyItsTimeUnderLoad()
    {
        // Started at 0 s, the load at 10 s, killed at 66 s: 56 s under load. Then 34 s and 42 s; a crash does not count.
        var exits = new[] { Oom(66, 66), Oom(102, 34), new ExitRecord(TimeSpan.FromSeconds(120), 1, ExitReason.Crash, "exit 1", TimeSpan.FromSeconds(16)), Oom(164, 42) };

        Assert.Equal([56.0, 34.0, 42.0], TimeToLimit.Observed(exits, Phases).Select(l => l.TotalSeconds));
    }

    [Fact]
    public void Judge_ProjectionHalfTheObserved_ObservedMedianWinsAndTheTextSaysSo()
    {
        var observed = new[] { 56.0, 34.0, 42.0 }.Select(TimeSpan.FromSeconds).ToList();

        var (value, basis, text) = TimeToLimit.Judge(TimeSpan.FromSeconds(20), 256L << 20, observed);

        Assert.Equal(TimeSpan.FromSeconds(42), value);
        Assert.Equal("observed", basis);
        Assert.Equal("observed lifetimes under load before the 256.0 MiB limit: 34–56 s (median 42 s, 3 memory exit(s)); the slope projects 20 s, 52% off, so the observed median is the time to limit", text);
    }

    [Fact]
    public void Judge_ProjectionWithin30Percent_KeepsTheProjectionBesideTheObserved()
    {
        var observed = new[] { 38.0, 40.0, 41.0 }.Select(TimeSpan.FromSeconds).ToList();

        var (value, basis, text) = TimeToLimit.Judge(TimeSpan.FromSeconds(36), 256L << 20, observed);

        Assert.Equal(TimeSpan.FromSeconds(36), value);
        Assert.Equal("slope", basis);
        Assert.EndsWith("the slope projects 36 s, which agrees", text, StringComparison.Ordinal);
        Assert.Contains("38–41 s (median 40 s, 3 memory exit(s))", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoMemoryExit_IsTheProjectionAlone()
    {
        var (value, basis, text) = TimeToLimit.Judge(TimeSpan.FromSeconds(90), 512L << 20, []);

        Assert.Equal((TimeSpan.FromSeconds(90), "slope"), (value, basis));
        Assert.Equal("at that rate the 512.0 MiB limit is reached 90 s after a (re)start", text);
    }
}
