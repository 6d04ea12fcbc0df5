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
    public async Task Invoke_HeapJson_TypeTableAndPathsInTheDocumentedShape()
    {
        await using var target = await ParkedWorkersTarget.StartRetainingAsync("static", 2000);

        var (code, output, _) = await RunAsync($"inspect --pid {target.Pid} --heap --json");

        // The shape the README documents under "inspect --json"; a consumer keys on schema before reading the rest.
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("orderleaklab.inspect.v2", root.GetProperty("schema").GetString());
        Assert.True(root.GetProperty("gcFirst").GetBoolean());
        var row = Assert.Single(root.GetProperty("typeTable").EnumerateArray(), t => t.GetProperty("shortName").GetString() == "LeakedOrder");
        Assert.EndsWith(".LeakedOrder", row.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal((2000, true), (row.GetProperty("count").GetInt64(), row.GetProperty("application").GetBoolean()));
        Assert.True(row.GetProperty("bytes").GetInt64() >= 2000 * 24);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("growingTypes").ValueKind);
        var path = Assert.Single(root.GetProperty("retentionPaths").EnumerateArray(), p => p.GetProperty("for").GetString() == "LeakedOrder");
        Assert.Equal(("static LeakyCache.Items", "static"), (path.GetProperty("root").GetString(), path.GetProperty("rootKind").GetString()));
        var links = path.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("type").GetString(), l.GetProperty("field").GetString(), l.GetProperty("note").ValueKind)).ToList();
        Assert.Equal(("List", "_items", JsonValueKind.Null), links[0]);
        Assert.Equal(("LeakedOrder", null, JsonValueKind.Null), links[^1]);
        Assert.Equal(JsonValueKind.Array, path.GetProperty("named").ValueKind);
        Assert.StartsWith("static LeakyCache.Items → List ._items → ", path.GetProperty("text").GetString(), StringComparison.Ordinal);
        var search = root.GetProperty("pathSearch");
        Assert.True(search.GetProperty("objectsVisited").GetInt64() >= 2000);
        Assert.True(search.GetProperty("deepestLevel").GetInt32() >= 2);
        Assert.True(search.GetProperty("elapsed").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, search.GetProperty("cutShort").ValueKind);
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
