using System.CommandLine;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Extensions;
using OrderLeakLab.Lab.Tests.Soak;

namespace OrderLeakLab.Lab.Tests.Cli;

/// <summary><c>leaklab load</c> is the load generator's own command line (issue 15 item 2): same options, checks and exit codes.</summary>
public sealed class LoadCommandTests : IDisposable
{
    private readonly string report = Directory.CreateTempSubdirectory("leaklab-load-").FullName;

    public void Dispose() => Directory.Delete(report, recursive: true);

    [Theory]
    [InlineData("--target", "app=http://10.1.2.3:8080")]
    [InlineData("--target", "app=http://127.0.0.1:1", "--rate", "0")]
    [InlineData("--target", "app=http://127.0.0.1:1", "--duration", "soon")]
    [InlineData("--target", "app=http://127.0.0.1:1", "--threshold", "other:fail<1%")]
    [InlineData("--rate", "10")]
    public async Task Invoke_UsageError_ExitsTwoWithoutLoad(params string[] args)
    {
        Assert.Equal(ExitCodes.UsageError, await Invoke(["load", .. args, "--report", report]));
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
