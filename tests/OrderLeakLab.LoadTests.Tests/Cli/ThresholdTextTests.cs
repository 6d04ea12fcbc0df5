using OrderLeakLab.Scenarios.Cli;

namespace OrderLeakLab.LoadTests.Tests.Cli;

public class ThresholdTextTests
{
    [Theory]
    [InlineData("fail<5%", null, "fail% < 5")]
    [InlineData("p99<800ms", null, "p99 < 800ms")]
    [InlineData("fixed:max<2s", "fixed", "max < 2000ms")]
    [InlineData("leaky:p50 < 1s", "leaky", "p50 < 1000ms")]
    public void TryParse_Valid_BuildsThreshold(string text, string? scenario, string description)
    {
        Assert.True(ThresholdText.TryParse(text, out var parsedScenario, out var threshold, out _));
        Assert.Equal(scenario, parsedScenario);
        Assert.Equal(description, threshold!.Description);
    }

    [Theory]
    [InlineData("p98<1s")]
    [InlineData("fail>5%")]
    [InlineData("p99<fast")]
    [InlineData("fail<-1%")]
    public void TryParse_Invalid_ExplainsTheForm(string text)
    {
        Assert.False(ThresholdText.TryParse(text, out _, out _, out var error));
        Assert.Contains("fail<5% or p99<800ms", error);
    }
}
