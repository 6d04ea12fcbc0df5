using System.CommandLine;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Extensions;

namespace OrderLeakLab.Lab.Tests.Cli;

public class DemoCommandTests
{
    [Theory]
    [InlineData("demo", "--duration", "soon")]
    [InlineData("demo", "--memory", "lots")]
    [InlineData("demo", "--oom", "sometimes")]
    [InlineData("demo", "--backoff", "never")]
    [InlineData("demo", "--expect", "leaky=maybe")]
    [InlineData("demo", "--duration", "1s")]
    [InlineData("demo", "--memory", "16Mi")]
    [InlineData("demo", "--service-dll", "/nonexistent/OrderService.dll")]
    [InlineData("demo", "--inspect-at", "100")]
    [InlineData("demo", "--inspect-at", "20")]
    [InlineData("demo", "--duration", "5s", "--ramp-up", "10s")]
    [InlineData("demo", "--no-such-option")]
    [InlineData("frobnicate")]
    public async Task InvokeAsync_UsageError_ReturnsTwo(params string[] args)
    {
        var root = new RootCommand().AddLeakLabCommands();
        Assert.Equal(ExitCodes.UsageError, await root.InvokeAsync(args));
    }

    [Fact]
    public void AddLeakLabCommands_Root_HasDemoSoakInspectLoad()
    {
        var root = new RootCommand().AddLeakLabCommands();
        Assert.Equal(["demo", "soak", "inspect", "load"], root.Subcommands.Select(c => c.Name));
    }
}
