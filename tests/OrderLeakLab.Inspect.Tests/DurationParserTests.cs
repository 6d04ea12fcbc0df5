namespace OrderLeakLab.Inspect.Tests;

public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("60s", 60_000)]
    [InlineData("3m", 180_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("00:00:02", 2_000)]
    public void TryParse_CommandLineDuration_Milliseconds(string text, double expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(expectedMs, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("0s")]
    public void TryParse_Invalid_False(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
