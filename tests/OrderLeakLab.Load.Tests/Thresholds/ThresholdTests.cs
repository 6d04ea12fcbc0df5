using OrderLeakLab.Load.Stats;
using OrderLeakLab.Load.Thresholds;

namespace OrderLeakLab.Load.Tests.Thresholds;

public class ThresholdTests
{
    private static StatsSnapshot Stats(long ok, long failed, double p99) => new()
    {
        Duration = TimeSpan.FromSeconds(1),
        Sent = ok + failed,
        Completed = ok + failed,
        Ok = ok,
        Timeouts = failed,
        ConnectionErrors = 0,
        Dropped = 0,
        Errors = 0,
        StatusCodes = new Dictionary<int, long>(),
        Latency = new LatencySummary(1, 2, 3, p99, p99, 1),
        ScheduleLag = LatencySummary.Empty,
    };

    [Fact]
    public void FailPercentBelow_AtAndOverLimit_IsNotMet()
    {
        var threshold = Threshold.FailPercentBelow(5);

        Assert.True(threshold.IsMet(Stats(96, 4, 0), out var under));
        Assert.False(threshold.IsMet(Stats(95, 5, 0), out var at));
        Assert.Equal(4, under, 6);
        Assert.Equal(5, at, 6);
        Assert.Equal("fail% < 5", threshold.Description);
    }

    [Fact]
    public void LatencyBelow_P99OverLimit_IsNotMet()
    {
        var threshold = Threshold.LatencyBelow(99, TimeSpan.FromMilliseconds(800));

        Assert.True(threshold.IsMet(Stats(10, 0, 799.9), out _));
        Assert.False(threshold.IsMet(Stats(10, 0, 800), out _));
        Assert.Equal("p99 < 800ms", threshold.Description);
    }

    [Fact]
    public void LatencyBelow_UnsupportedPercentile_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Threshold.LatencyBelow(98, TimeSpan.FromSeconds(1)));

    [Fact]
    public void Below_CustomMeasure_UsesIt()
    {
        var threshold = Threshold.Below("timeouts < 1", s => s.Timeouts, 1);

        Assert.False(threshold.IsMet(Stats(9, 1, 0), out var value));
        Assert.Equal(1, value);
    }
}
