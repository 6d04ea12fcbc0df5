using System.CommandLine;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Extensions;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Cli;

[Collection(ConsoleErrorCollection.Name)]
public class DemoCommandTests
{
    [Theory]
    [InlineData("--duration: 'soon' is not a duration such as 500ms, 60s, 3m, 1h or 00:01:00", "demo", "--duration", "soon")]
    [InlineData("--memory: 'lots' is not a size such as 256Mi, 1Gi or 300M", "demo", "--memory", "lots")]
    [InlineData("--oom: 'sometimes' must be one of kernel, managed", "demo", "--oom", "sometimes")]
    [InlineData("--backoff: 'never' must be one of compressed, k8s", "demo", "--backoff", "never")]
    [InlineData("--expect: 'maybe' for 'leaky' must be leak or flat", "demo", "--expect", "leaky=maybe")]
    [InlineData("--duration must be between 5s and 24h", "demo", "--duration", "1s")]
    [InlineData("--memory must be at least 64Mi (the runtime needs room to start)", "demo", "--memory", "16Mi")]
    [InlineData("--service-dll: '/nonexistent/OrderService.dll' does not exist", "demo", "--service-dll", "/nonexistent/OrderService.dll")]
    [InlineData("--inspect-at must be between 50 and 99 (percent of the memory limit)", "demo", "--inspect-at", "100")]
    [InlineData("--inspect-at must be between 50 and 99 (percent of the memory limit)", "demo", "--inspect-at", "20")]
    [InlineData("--ramp-up must be between 0s and half of --duration", "demo", "--duration", "5s", "--ramp-up", "10s")]
    [InlineData("Unrecognized command or argument '--no-such-option'.", "demo", "--no-such-option")]
    [InlineData("Unrecognized command or argument 'frobnicate'.", "frobnicate")]
    public async Task InvokeAsync_UsageError_ReturnsTwoAndSaysWhatToChange(string message, params string[] args)
    {
        var (exit, error) = await CapturedError.InvokeAsync(args);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLeakLabCommands_Root_HasDemoSoakInspectLoad()
    {
        var root = new RootCommand().AddLeakLabCommands();
        Assert.Equal(["demo", "soak", "inspect", "load"], root.Subcommands.Select(c => c.Name));
    }
}
