using OrderLeakLab.Lab.Demo;

namespace OrderLeakLab.Lab.Tests.Demo;

public class LeakSiteProbeTests
{
    private const long Limit = 256L * 1024 * 1024;

    [Theory]
    [InlineData(204L * 1024 * 1024, 80, false)] // 79.7%: not yet
    [InlineData(Limit * 80 / 100, 80, true)] // exactly at the threshold
    [InlineData(250L * 1024 * 1024, 80, true)]
    [InlineData(200L * 1024 * 1024, 75, true)]
    public void Crossed_UsageAgainstThreshold_TriggersAtOrAbove(long used, int percent, bool expected) =>
        Assert.Equal(expected, LeakSiteProbe.Crossed(used, Limit, percent));

    [Theory]
    [InlineData(null, Limit)] // usage unreadable (target down)
    [InlineData(300L * 1024 * 1024, 0L)] // limit unknown
    public void Crossed_NothingToCompare_NeverTriggers(long? used, long limit) =>
        Assert.False(LeakSiteProbe.Crossed(used, limit, 80));
}
