using OrderLeakLab.LoadTests.Cli;

namespace OrderLeakLab.LoadTests.Tests.Cli;

public class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("60s", 60_000)]
    [InlineData("3m", 180_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("00:00:00.500", 500)]
    public void TryParse_Valid_ReturnsDuration(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5q")]
    [InlineData("-1s")]
    [InlineData("0s")]
    [InlineData("abc")]
    [InlineData("60")]
    public void TryParse_Invalid_ReturnsFalse(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(60_000, "1m")]
    [InlineData(90_000, "90s")]
    public void Format_Duration_ShortestExactUnit(double milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
