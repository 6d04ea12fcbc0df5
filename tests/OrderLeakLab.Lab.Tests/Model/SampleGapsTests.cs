using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Tests.Model;

public class SampleGapsTests
{
    private static TargetSample Sample(int t, bool up, long? rss = 100) =>
        new(TimeSpan.FromSeconds(t), up, up ? rss : null, null, null, null, null, 0, 0, 0, 0, null) { WorkingSetBytes = rss };

    [Fact]
    public void Spans_TwoRunsOfMissingSamples_EachFromItsFirstMissingTickToTheNextAnswer()
    {
        var samples = new[] { Sample(0, true), Sample(1, false), Sample(2, false), Sample(3, true), Sample(4, false, rss: null), Sample(5, true) };

        Assert.Equal(
            [(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 2), (TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), 1)],
            SampleGaps.Spans(samples));
        Assert.Equal("3 of 6 samples missing: /metrics did not answer (1 while the process was down)", SampleGaps.Describe(samples));
    }

    [Fact]
    public void Describe_EverySampleAnswered_IsNull()
    {
        Assert.Null(SampleGaps.Describe([Sample(0, true), Sample(1, true)]));
    }
}
