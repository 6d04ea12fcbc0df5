using OrderLeakLab.Common;

namespace OrderLeakLab.Lab.Tests.Common;

public class DurationFormatTests
{
    [Theory]
    [InlineData(42.0, "42 s")]
    [InlineData(119.0, "119 s")]
    [InlineData(150.0, "2.5 min")]
    [InlineData(4320.0, "1.2 h")]
    public void Human_SecondsThenMinutesThenHours(double seconds, string expected) =>
        Assert.Equal(expected, DurationFormat.Human(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Human_Unknown_IsADash() => Assert.Equal("–", DurationFormat.Human(null));

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(75_000, "75s")]
    [InlineData(180_000, "3m")]
    [InlineData(0, "0s")]
    public void Typed_ReadsBackThroughTheParser(int milliseconds, string expected)
    {
        var text = DurationFormat.Typed(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
        Assert.True(DurationParser.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }
}
