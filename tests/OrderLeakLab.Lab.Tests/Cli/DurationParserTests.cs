using OrderLeakLab.Lab.Cli;

namespace OrderLeakLab.Lab.Tests.Cli;

public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("60s", 60_000)]
    [InlineData("3m", 180_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("75", 75_000)]
    [InlineData("1h", 3_600_000)]
    public void TryParse_CommandLineUnits_ReturnsDuration(string text, double expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(expectedMs, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5s")]
    [InlineData("5 parsecs")]
    public void TryParse_Garbage_ReturnsFalse(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(75_000, "75s")]
    [InlineData(180_000, "3m")]
    public void Format_RoundNumbers_WritesTheWayTheyAreTyped(double ms, string expected) =>
        Assert.Equal(expected, DurationParser.Format(TimeSpan.FromMilliseconds(ms)));
}
