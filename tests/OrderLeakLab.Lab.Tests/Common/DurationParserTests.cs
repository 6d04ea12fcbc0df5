using OrderLeakLab.Common;

namespace OrderLeakLab.Lab.Tests.Common;

/// <summary>The one duration parser every command uses (demo, soak, load, inspect --interval).</summary>
public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("60s", 60_000)]
    [InlineData("3m", 180_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0s", 0)]
    [InlineData("00:01:00", 60_000)]
    [InlineData("00:00:00.500", 500)]
    [InlineData(" 75S ", 75_000)]
    public void TryParse_UnitOrClockTime_ReturnsDuration(string text, double expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var value, out var error), error);
        Assert.Equal(expectedMs, value.TotalMilliseconds);
    }

    [Fact]
    public void TryParse_BareNumber_AsksForAUnit()
    {
        // "60" was 60 s to demo, 60 days to inspect --interval and an error to the load CLI.
        Assert.False(DurationParser.TryParse("60", out _, out var error));
        Assert.Contains("add one, e.g. 60s", error);
    }

    [Theory]
    [InlineData("8d")]
    [InlineData("169h")]
    [InlineData("8.00:00:00")]
    [InlineData("-5s")]
    [InlineData("-00:00:01")]
    public void TryParse_OutOfRange_StatesTheBounds(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var error));
        Assert.Contains("from 0s to 7d", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5 parsecs")]
    [InlineData("5q")]
    [InlineData("NaNs")]
    public void TryParse_NotADuration_SaysWhatIs(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var error));
        Assert.Contains("500ms", error);
    }

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(75_000, "75s")]
    [InlineData(180_000, "3m")]
    [InlineData(7_200_000, "2h")]
    [InlineData(86_400_000, "1d")]
    [InlineData(1_500, "1500ms")]
    [InlineData(0, "0s")]
    public void Format_WritesTheWayItIsTyped_AndParsesBack(double ms, string expected)
    {
        var text = DurationFormat.Typed(TimeSpan.FromMilliseconds(ms));
        Assert.Equal(expected, text);
        Assert.True(DurationParser.TryParse(text, out var back));
        Assert.Equal(ms, back.TotalMilliseconds);
    }
}
