using OrderLeakLab.Common;

namespace OrderLeakLab.Lab.Tests.Common;

public class NumberFormatTests
{
    [Fact]
    public void Count_ThousandsSeparatedOrADash() => Assert.Equal(("21,344", "–"), (NumberFormat.Count(21_344), NumberFormat.Count(null)));

    [Fact]
    public void PerSecond_Signed() => Assert.Equal(("+600.0/s", "-0.5/s", "–"), (NumberFormat.PerSecond(600), NumberFormat.PerSecond(-0.5), NumberFormat.PerSecond(null)));

    [Theory]
    [InlineData(0.41, "+41%")]
    [InlineData(-0.03, "-3%")]
    [InlineData(0.004, "±0%")]
    public void Percent_SignedWholePercent(double fraction, string expected) => Assert.Equal(expected, NumberFormat.Percent(fraction));
}
