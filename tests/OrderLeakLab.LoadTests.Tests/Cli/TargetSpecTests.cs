using OrderLeakLab.Scenarios.Cli;

namespace OrderLeakLab.LoadTests.Tests.Cli;

public class TargetSpecTests
{
    [Fact]
    public void TryParse_NameEqualsUrl_Parses()
    {
        Assert.True(TargetSpec.TryParse("leaky=http://127.0.0.1:5081", out var target, out _));
        Assert.Equal(new TargetSpec("leaky", new Uri("http://127.0.0.1:5081")), target);
    }

    [Theory]
    [InlineData("leaky", "NAME=URL")]
    [InlineData("=http://127.0.0.1:1", "NAME=URL")]
    [InlineData("leaky=", "NAME=URL")]
    [InlineData("leaky=127.0.0.1:5081", "not an absolute http")]
    [InlineData("leaky=ftp://127.0.0.1/", "not an absolute http")]
    [InlineData("le aky=http://127.0.0.1:1", "may only hold")]
    public void TryParse_Malformed_ExplainsWhy(string text, string expected)
    {
        Assert.False(TargetSpec.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }
}
