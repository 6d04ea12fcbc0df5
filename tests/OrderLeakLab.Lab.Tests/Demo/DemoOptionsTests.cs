using OrderLeakLab.Lab.Demo;

namespace OrderLeakLab.Lab.Tests.Demo;

public class DemoOptionsTests
{
    [Theory]
    [InlineData(5, 2.5)]
    [InlineData(20, 10)]
    [InlineData(180, 10)]
    public void DefaultRampUpFor_Duration_IsTenSecondsOrHalfAShorterRun(double durationSeconds, double expectedSeconds)
    {
        var rampUp = DemoOptions.DefaultRampUpFor(TimeSpan.FromSeconds(durationSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), rampUp);
        Assert.Null(new DemoOptions { Duration = TimeSpan.FromSeconds(durationSeconds), RampUp = rampUp }.Validate());
    }
}
