using System.CommandLine;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Extensions;
using OrderLeakLab.Lab.Tests.Soak;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Cli;

/// <summary><c>leaklab load</c> is the load generator's own command line (issue 15 item 2): same options, checks and exit codes.</summary>
[Collection(ConsoleErrorCollection.Name)]
public sealed class LoadCommandTests : IDisposable
{
    private readonly string report = Directory.CreateTempSubdirectory("leaklab-load-").FullName;

    public void Dispose() => Directory.Delete(report, recursive: true);

    [Theory]
    [InlineData("error: --target app: refusing to send load to 10.1.2.3", "--target", "app=http://10.1.2.3:8080")]
    [InlineData("error: --rate must be above 0 and at most 100000 requests/s per target, got 0.", "--target", "app=http://127.0.0.1:1", "--rate", "0")]
    [InlineData("error: --duration: 'soon' is not a duration such as 500ms, 60s, 3m, 1h or 00:01:00.", "--target", "app=http://127.0.0.1:1", "--duration", "soon")]
    [InlineData("error: --threshold 'other:fail<1%' names 'other', which is not a --target.", "--target", "app=http://127.0.0.1:1", "--threshold", "other:fail<1%")]
    [InlineData("Option '--target' is required.", "--rate", "10")]
    public async Task Invoke_UsageError_ExitsTwoWithoutLoadAndSaysWhatToChange(string message, params string[] args)
    {
        var (exit, error) = await CapturedError.InvokeAsync(["load", .. args, "--report", report]);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(report));
    }

    [Fact]
    public async Task Invoke_LoopbackTarget_SendsTheTimetableAndWritesTheLoadReport()
    {
        await using var target = await FakeTarget.StartAsync(_ => (100, 0));

        var exit = await Invoke(["load", "--target", $"fake={target.BaseUrl}", "--rate", "20", "--duration", "2s", "--threshold", "fail<1%", "--report", report]);

        Assert.Equal(0, exit);
        Assert.Equal(40, target.Orders);
        Assert.True(File.Exists(Path.Combine(report, "load-report.json")));
        Assert.True(File.Exists(Path.Combine(report, "load-report.md")));
    }

    private static async Task<int> Invoke(string[] args) => await new RootCommand().AddLeakLabCommands().InvokeAsync(args);
}
