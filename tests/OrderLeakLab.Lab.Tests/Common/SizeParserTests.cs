using OrderLeakLab.Common;

namespace OrderLeakLab.Lab.Tests.Common;

public class SizeParserTests
{
    [Theory]
    [InlineData("256Mi", 256L * 1024 * 1024)]
    [InlineData("1Gi", 1024L * 1024 * 1024)]
    [InlineData("512Ki", 512L * 1024)]
    [InlineData("300M", 300_000_000L)]
    [InlineData("1048576", 1048576L)]
    [InlineData("1Ti", 1L << 40)]
    public void TryParse_KubernetesQuantities_ReturnsBytes(string text, long expected)
    {
        Assert.True(SizeParser.TryParse(text, out var bytes, out var error), error);
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("0Mi")]
    [InlineData("-1Gi")]
    [InlineData("2Ti")]
    public void TryParse_OutOfRange_StatesTheBounds(string text)
    {
        Assert.False(SizeParser.TryParse(text, out _, out var error));
        Assert.Contains("from 1 byte to 1Ti", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("256MB")]
    public void TryParse_NotASize_SaysWhatIs(string text)
    {
        Assert.False(SizeParser.TryParse(text, out _, out var error));
        Assert.Contains("256Mi", error);
    }

    [Theory]
    [InlineData(256L << 20, "256Mi")]
    [InlineData(1L << 30, "1Gi")]
    [InlineData(1000L, "1000")]
    public void Format_WritesTheWayItIsTyped(long bytes, string expected) => Assert.Equal(expected, SizeParser.Format(bytes));
}
