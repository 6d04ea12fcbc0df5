using OrderLeakLab.Lab.Demo;

namespace OrderLeakLab.Lab.Tests.Demo;

public class LeakSiteProbeTests
{
    private const long Limit = 100_000_000;

    [Theory]
    [InlineData(79_999_999, 80, false)]
    [InlineData(80_000_000, 80, true)] // exactly at the threshold
    [InlineData(120_000_000, 80, true)] // past the limit (cgroup usage can exceed it briefly)
    [InlineData(75_000_000, 75, true)]
    public void Crossed_UsageAgainstThreshold_TriggersAtOrAbove(long used, int percent, bool expected) =>
        Assert.Equal(expected, LeakSiteProbe.Crossed(used, Limit, percent));

    [Theory]
    [InlineData(null, Limit)] // usage unreadable (target down)
    [InlineData(300_000_000L, 0L)] // limit unknown
    public void Crossed_NothingToCompare_NeverTriggers(long? used, long limit) =>
        Assert.False(LeakSiteProbe.Crossed(used, limit, 80));
}
