using OrderLeakLab.Lab.Cli;

namespace OrderLeakLab.Lab.Tests.Cli;

public class SizeParserTests
{
    [Theory]
    [InlineData("256Mi", 256L * 1024 * 1024)]
    [InlineData("192Mi", 192L * 1024 * 1024)]
    [InlineData("1Gi", 1024L * 1024 * 1024)]
    [InlineData("512Ki", 512L * 1024)]
    [InlineData("300M", 300_000_000L)]
    [InlineData("1048576", 1048576L)]
    public void TryParse_KubernetesQuantities_ReturnsBytes(string text, long expected)
    {
        Assert.True(SizeParser.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("0Mi")]
    [InlineData("-1Gi")]
    [InlineData("256MB")]
    public void TryParse_Garbage_ReturnsFalse(string text) => Assert.False(SizeParser.TryParse(text, out _));
}
