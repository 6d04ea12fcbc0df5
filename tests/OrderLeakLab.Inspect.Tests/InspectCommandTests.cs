using System.CommandLine;
using System.Text.Json;
using OrderLeakLab.Inspect.Tests.Support;

namespace OrderLeakLab.Inspect.Tests;

public class InspectCommandTests
{
    [Theory]
    [InlineData("inspect")]
    [InlineData("inspect --pid")]
    [InlineData("inspect --pid abc")]
    [InlineData("inspect --pid -5")]
    [InlineData("inspect --pid 1 --bogus")]
    [InlineData("inspect --pid 1 --interval 5s")]
    [InlineData("inspect --pid 1 --diff --interval soon")]
    public async Task Invoke_BadArguments_OneLineErrorExit2(string commandLine)
    {
        var (code, output, error) = await RunAsync(commandLine);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("leaklab inspect: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inspect --pid 1 --diff --interval 60", "--interval: '60' has no unit: add one, e.g. 60s")]
    [InlineData("inspect --pid 1 --diff --interval 0s", "--interval must be more than 0s")]
    [InlineData("inspect --pid 1 --diff --interval 30d", "a duration is from 0s to 7d")]
    public async Task Invoke_BadInterval_SaysWhatToChange(string commandLine, string expected)
    {
        var (code, _, error) = await RunAsync(commandLine);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NoSuchPid_OneLineErrorExit2()
    {
        var (code, _, error) = await RunAsync($"inspect --pid {ExitedPid.Get()}");

        Assert.Equal(2, code);
        Assert.Contains("no process with pid", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NonDotNetPid_OneLineErrorExit2()
    {
        using var sleep = new SleepProcess();

        var (code, _, error) = await RunAsync($"inspect --pid {sleep.Pid}");

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("not a .NET process", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Json_MachineReadableGroups()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 250);

        var (code, output, _) = await RunAsync($"inspect --pid {target.Pid} --json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var groups = json.RootElement.GetProperty("asyncGroups").EnumerateArray().ToList();
        Assert.Contains(groups, g => g.GetProperty("method").GetString() == "WorkerHost.HandOffAsync" && g.GetProperty("count").GetInt64() == 250);
        Assert.True(json.RootElement.GetProperty("targetPaused").GetDouble() > 0);
    }

    [Fact]
    public async Task Invoke_Text_NamesLeakSiteAndSections()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 120, blockedThreads: 2);

        var (code, output, _) = await RunAsync($"inspect --pid {target.Pid}");

        Assert.Equal(0, code);
        Assert.Contains("leak site: 120 workers parked at WorkerHost.HandOffAsync awaiting a full channel", output, StringComparison.Ordinal);
        Assert.Contains("Async call chains", output, StringComparison.Ordinal);
        Assert.Contains("WorkerHost.BlockOn", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string commandLine)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var root = new RootCommand("leaklab") { InspectCommand.Create(output, error) };
        var code = await root.Parse(commandLine).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
