using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderLeakLab.Scenarios.Cli;

namespace OrderLeakLab.LoadTests.Tests.Cli;

public class LoadCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await LoadCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("Option '--target' is required", new string[0])]
    [InlineData("--rate must be above 0", new[] { "--target", "a=http://127.0.0.1:1", "--rate", "0" })]
    [InlineData("--rate must be above 0", new[] { "--target", "a=http://127.0.0.1:1", "--rate", "-5" })]
    [InlineData("Cannot parse argument 'fast'", new[] { "--target", "a=http://127.0.0.1:1", "--rate", "fast" })]
    [InlineData("--duration: '10 years' is not a duration", new[] { "--target", "a=http://127.0.0.1:1", "--duration", "10 years" })]
    [InlineData("--duration: '60' has no unit: add one, e.g. 60s", new[] { "--target", "a=http://127.0.0.1:1", "--duration", "60" })]
    [InlineData("--duration: must be more than 0s", new[] { "--target", "a=http://127.0.0.1:1", "--duration", "0s" })]
    [InlineData("a duration is from 0s to 7d", new[] { "--target", "a=http://127.0.0.1:1", "--duration", "8d" })]
    [InlineData("is not an absolute http", new[] { "--target", "a=not a url" })]
    [InlineData("must look like NAME=URL", new[] { "--target", "http://127.0.0.1:1" })]
    [InlineData("given twice", new[] { "--target", "a=http://127.0.0.1:1", "--target", "a=http://127.0.0.1:2" })]
    [InlineData("not a loopback address", new[] { "--target", "a=http://192.0.2.10:80" })]
    [InlineData("which is not a --target", new[] { "--target", "a=http://127.0.0.1:1", "--threshold", "b:fail<1%" })]
    [InlineData("Unrecognized command or argument", new[] { "--target", "a=http://127.0.0.1:1", "--bogus" })]
    [InlineData("unknown method 'FETCH'", new[] { "--target", "a=http://127.0.0.1:1", "--request", "FETCH /items" })]
    [InlineData("the path 'items' must start with '/'", new[] { "--target", "a=http://127.0.0.1:1", "--request", "GET items" })]
    [InlineData("does not exist", new[] { "--target", "a=http://127.0.0.1:1", "--request", "POST /items", "--body", "@/no/such/body.json" })]
    [InlineData("--targets: the file '/no/such/targets.txt' does not exist", new[] { "--target", "a=http://127.0.0.1:1", "--targets", "/no/such/targets.txt" })]
    public async Task RunAsync_BadArguments_ExitTwoWithClearError(string expected, string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task RunAsync_HealthyLocalTarget_ExitsZeroAndWritesReports()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.FromResult(Results.Ok()));
        var report = Directory.CreateTempSubdirectory("loadcli-");
        try
        {
            var (code, output, _) = await RunAsync("--target", $"local={server.BaseAddress}", "--rate", "50", "--duration", "1s",
                "--report", report.FullName, "--threshold", "fail<1%");

            Assert.Equal(0, code);
            Assert.Contains("PASSED", output);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report.FullName, "load-report.json")));
            var total = json.RootElement.GetProperty("scenarios")[0].GetProperty("total");
            Assert.Equal(50, total.GetProperty("sent").GetInt64());
            Assert.Equal(50, total.GetProperty("ok").GetInt64());
            Assert.True(File.Exists(Path.Combine(report.FullName, "load-report.md")));
        }
        finally
        {
            report.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_ThresholdBroken_ExitsOne()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.FromResult(Results.StatusCode(504)));

        var (code, output, _) = await RunAsync("--target", $"local={server.BaseAddress}", "--rate", "20", "--duration", "500ms", "--threshold", "fail<5%");

        Assert.Equal(1, code);
        Assert.Contains("threshold fail% < 5: FAILED", output);
    }
}
