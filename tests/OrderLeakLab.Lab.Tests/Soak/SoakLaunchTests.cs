using OrderLeakLab.Common;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Tests.Demo;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Soak;

/// <summary>
/// Issue 12, "your own service": <c>leaklab soak … -- dotnet LeakTestApp.dll</c> launches a service the lab knows
/// nothing about under a memory limit, drives any request mix at it, and judges it — all through the CLI.
/// </summary>
[Collection(DemoProcessCollection.Name)]
public sealed class SoakLaunchTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly List<string> _folders = [];

    public void Dispose() => _folders.ForEach(f => Directory.Delete(f, recursive: true));

    [Fact]
    public async Task Soak_StaticListLeak_LeakOomKilledAndRestartedWithTheHeapFirst()
    {
        var (exit, lab, verdict) = await SoakAsync(
            ["--memory", "96Mi", "--request", "GET /leak/64", "--rate", "100", "--baseline", "2s", "--duration", "25s", "--cooldown", "4s", "--expect", "app=leak"]);

        Assert.True(exit == ExitCodes.Success, $"exit {exit}:\n{lab.Output}");
        Assert.Equal("leak", verdict.GetProperty("verdict").GetString());
        Assert.Contains(verdict.GetProperty("exits").EnumerateArray(), e => e.GetProperty("reason").GetString() == "OOMKilled");
        Assert.Matches(@"^managed heap after full GC [\d.]+ [KM]iB → [\d.]+ [KM]iB", verdict.GetProperty("evidence")[0].GetString());
        Assert.True(lab.Started.Count >= 2, $"restarted after the OOM kill:\n{lab.Output}");
    }

    [Fact]
    public async Task Soak_SpikeAndHealthy_BothFlatWithTheHeapBackNearItsBaseline()
    {
        // --oom managed: the GC sees the limit and collects the spikes in time (with its hard limit set above the cgroup's,
        // as --oom kernel does, a burst of large blocks can reach the kernel's limit before a gen-2 GC runs).
        var spike = SoakAsync(["--memory", "256Mi", "--oom", "managed", "--request", "GET /spike/8", "--rate", "20", "--baseline", "2s", "--duration", "15s", "--cooldown", "4s", "--no-inspect", "--expect", "app=flat"]);
        var healthy = SoakAsync(["--memory", "128Mi", "--request", "GET /healthy", "--rate", "200", "--baseline", "2s", "--duration", "15s", "--cooldown", "4s", "--no-inspect", "--expect", "app=flat"]);

        foreach (var (exit, lab, verdict) in await Task.WhenAll(spike, healthy))
        {
            Assert.True(exit == ExitCodes.Success, $"exit {exit}:\n{lab.Output}");
            Assert.Equal("flat", verdict.GetProperty("verdict").GetString());
            Assert.Matches(@"^managed heap after full GC .*heap returned", verdict.GetProperty("evidence")[0].GetString());
        }
    }

    [Fact]
    public async Task Soak_WeightedMixAndTargetsFile_ReachTheEndpointsInProportion()
    {
        var bodies = Folder();
        await File.WriteAllTextAsync(Path.Combine(bodies, "body.json"), "{\"sku\":\"A-1\"}");
        var targets = Path.Combine(bodies, "targets.txt");
        await File.WriteAllTextAsync(targets, $"""
            GET http://localhost:9999/items/1

            POST http://localhost:9999/echo
            X-Mix: yes
            Content-Type: application/json
            @{Path.Combine(bodies, "body.json")}

            GET http://localhost:9999/items/2
            """);
        // 2400 arrivals each, one run after the other (two at once only compete for the same two cores).
        string[] timing = ["--memory", "256Mi", "--ready", "/healthz", "--rate", "300", "--baseline", "0s", "--duration", "8s", "--cooldown", "3s", "--no-inspect"];

        var counts = new[]
        {
            await CountsAsync([.. timing, "--request", "3:GET /healthy", "--request", "1:POST /echo", "--header", "X-Mix: yes", "--body", "{\"a\":1}"]),
            await CountsAsync([.. timing, "--targets", targets]),
        };

        AssertShares(counts[0], ("GET /healthy 200", 0.75), ("POST /echo 200", 0.25));
        AssertShares(counts[1], ("GET /items/1 200", 1 / 3d), ("POST /echo 200", 1 / 3d), ("GET /items/2 200", 1 / 3d));
    }

    [Fact]
    public async Task Soak_CtrlCDuringLaunchedRun_LeavesNoProcessAndNoCgroup()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var lab = LeaklabProcess.Start(
            ["soak", "--target", $"app={url}", "--memory", "128Mi", "--request", "GET /healthy", "--rate", "50", "--duration", "60s", "--baseline", "1s",
             "--report", Folder(), "--plain", "--", .. LeakTestApp.Command(url)]);

        await lab.WaitForLineAsync(l => l.StartsWith("load: ", StringComparison.Ordinal), Deadline, "the load to start");
        lab.Interrupt();

        Assert.Equal(ExitCodes.Interrupted, await lab.WaitForExitAsync(Deadline));
        var started = Assert.Single(lab.Started);
        Assert.False(ProcessProbe.IsAlive(started.Pid), $"the app (pid {started.Pid}) still runs after Ctrl-C");
        CgroupCleanup.AssertRemoved(lab.Started, lab.Pid, "after Ctrl-C");
        Assert.Contains(lab.Lines, l => l.Contains("PARTIAL", StringComparison.Ordinal) && l.Contains("Ctrl-C", StringComparison.Ordinal));
    }

    private static void AssertShares(IReadOnlyDictionary<string, long> counts, params (string Key, double Share)[] expected)
    {
        var total = counts.Values.Sum();
        var shown = string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}"));
        Assert.True(total >= 2000, $"only {total} requests arrived: {shown}");
        Assert.True(counts.Keys.All(k => expected.Any(e => e.Key == k)), $"unexpected requests: {shown}");
        foreach (var (key, share) in expected)
        {
            var measured = counts.GetValueOrDefault(key) / (double)total;
            Assert.True(Math.Abs(measured - share) <= 0.02, $"{key}: {measured:P1} of {total}, expected {share:P1} ± 2%: {shown}");
        }
    }

    /// <summary>Runs a soak of the launched app to its end; reads the app's counts during the cooldown, when the load has stopped.</summary>
    private async Task<IReadOnlyDictionary<string, long>> CountsAsync(string[] options)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var lab = LeaklabProcess.Start(["soak", "--target", $"app={url}", .. options, "--report", Folder(), "--plain", "--", .. LeakTestApp.Command(url)]);
        await lab.WaitForLineAsync(l => l.StartsWith("cooldown ", StringComparison.Ordinal), Deadline, "the load to end");
        using var http = new HttpClient();
        var counts = await http.GetFromJsonAsync<Dictionary<string, long>>(new Uri(url, "counts"));
        var exit = await lab.WaitForExitAsync(Deadline);
        Assert.True(exit == ExitCodes.Success, $"exit {exit}:\n{lab.Output}");
        return counts!;
    }

    private async Task<(int Exit, LeaklabProcess Lab, JsonElement Verdict)> SoakAsync(string[] options)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var report = Folder();
        await using var lab = LeaklabProcess.Start(
            ["soak", "--target", $"app={url}", "--ready", "/healthz", .. options, "--report", report, "--plain", "--", .. LeakTestApp.Command(url)]);
        var exit = await lab.WaitForExitAsync(Deadline);
        var verdictFile = Path.Combine(report, "verdict.json");
        Assert.True(File.Exists(verdictFile), $"no verdict.json:\n{lab.Output}");
        using var verdict = JsonDocument.Parse(await File.ReadAllTextAsync(verdictFile));
        Assert.All(lab.Started, s => Assert.False(ProcessProbe.IsAlive(s.Pid), $"pid {s.Pid} survived the run"));
        Console.WriteLine(string.Join('\n', lab.Lines.Where(l => Regex.IsMatch(l, @"^(app: |  - )"))));
        return (exit, lab, verdict.RootElement.GetProperty("targets")[0].Clone());
    }

    private string Folder()
    {
        var folder = Directory.CreateTempSubdirectory("leaklab-anysvc-").FullName;
        _folders.Add(folder);
        return folder;
    }
}
