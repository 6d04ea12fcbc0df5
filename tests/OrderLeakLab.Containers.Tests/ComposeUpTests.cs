using System.Diagnostics;
using System.Globalization;
using OrderLeakLab.Deploy.Tests.Infrastructure;
using System.CommandLine;
using System.Text.Json.Nodes;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Extensions;
using Xunit.Abstractions;

namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// `docker compose up` of the repository's docker-compose.yml on a real engine: the leaky container is OOM-killed
/// and restarted, the fixed one stays up and flat, Prometheus answers every dashboard and alert expression, the
/// lab's soak judges the running containers through their published ports, and `down -v` leaves nothing.
/// </summary>
[Collection(DockerCollection.Name)]
public class ComposeUpTests(DockerEngine engine, ITestOutputHelper output)
{
    private const string Project = "orderleaklab-test";
    private const string Leaky = Project + "-orders-leaky-1";
    private const string Fixed = Project + "-orders-fixed-1";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(45);

    [ContainerFact]
    public async Task ComposeUp_LeakyAndFixedUnderLoad_LeakyOomLoopsFixedFlatAndDownLeavesNothing()
    {
        output.WriteLine($"engine ready in {engine.EngineTime.TotalSeconds:0} s, images built in {engine.BuildTime.TotalSeconds:0} s; "
            + (await DockerCli.RunAsync("docker", ["compose", "version"], null, TimeSpan.FromSeconds(30))).Output.Trim());
        var (services, skipped) = await RunnableServicesAsync();
        foreach (var (service, why) in skipped)
        {
            output.WriteLine($"SKIPPED compose service {service}: {why}");
        }

        var before = await EngineObjectsAsync();
        using var events = DockerEvents.Start(Project + "-");
        // Stops the soak when the test fails before awaiting it (it would otherwise load a stack that is going down).
        using var soakStop = new CancellationTokenSource();
        Exception? failure = null;
        try
        {
            var up = await Compose.RunAsync(engine, Project, ["up", "-d", "--no-build", .. services], TimeSpan.FromMinutes(3));
            Assert.True(up.ExitCode == 0, $"docker compose up failed: {up}");
            // The assertion window: everything below is judged within Deadline of `up` returning.
            var clock = Stopwatch.StartNew();
            var upAt = DateTimeOffset.UtcNow;
            output.WriteLine($"up at {upAt:HH:mm:ss} UTC: {string.Join(", ", services)} (load started once both variants were healthy)");

            var soak = SoakAsync(soakStop.Token);
            var (kills, leakyRestarts, fixedFloors) = await WatchAsync(events, clock);

            output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s after up: leaky OOM-killed (oom event, then die with exit 137) at "
                + string.Join(", ", kills.Select(k => $"{k:HH:mm:ss} (+{(k - upAt).TotalSeconds:0} s)")) + $" UTC, RestartCount {leakyRestarts}; fixed RestartCount 0");
            Assert.True(kills.Count >= 2, $"leaky was OOM-killed {kills.Count}× in {Deadline.TotalMinutes} min (want ≥ 2): {Describe(events)}");
            Assert.True(leakyRestarts >= 2, $"leaky RestartCount {leakyRestarts} (want ≥ 2)");
            var flatness = MemoryFlatness.Judge(fixedFloors);
            Assert.True(flatness is not null, $"the fixed container gave {fixedFloors.Count} floors (forced full GCs) in the window, {MemoryFlatness.FloorsNeeded} needed");
            output.WriteLine($"fixed: {flatness}");
            Assert.False(flatness.Grows, $"the fixed container's memory grows: {flatness}");

            output.WriteLine((await Compose.RunAsync(engine, Project, ["logs", "--tail", "6", "load"], TimeSpan.FromSeconds(60))).Output);
            await AssertPrometheusAsync(clock);

            var report = await soak;
            AssertSoak(report);
            // Not asserted on the clock: every wait above is bounded by Deadline (the machine is shared).
            output.WriteLine($"assertion window: {clock.Elapsed.TotalSeconds:0} s after up (waits bounded by {Deadline.TotalSeconds:0} s)");
        }
        catch (Exception e)
        {
            failure = e;
            await soakStop.CancelAsync();
            output.WriteLine($"events: {Describe(events)}");
            output.WriteLine((await Compose.RunAsync(engine, Project, ["logs", "--tail", "20", "load"], TimeSpan.FromSeconds(60))).Output);
            throw;
        }
        finally
        {
            var down = await Compose.RunAsync(engine, Project, ["down", "-v", "--remove-orphans", "--timeout", "5"], TimeSpan.FromMinutes(2));
            if (failure is null)
            {
                Assert.True(down.ExitCode == 0, $"docker compose down -v failed: {down}");
                await AssertNothingLeftAsync(before);
            }
        }
    }

    /// <summary>
    /// Watches the run until leaky has been OOM-killed and restarted twice and the fixed service has
    /// given its floors after forced full GCs (what <see cref="MemoryFlatness"/> judges), or until <see cref="Deadline"/>;
    /// fails at once if fixed restarts.
    /// </summary>
    private async Task<(IReadOnlyList<DateTimeOffset> Kills, int LeakyRestarts, List<GcFloor> FixedFloors)> WatchAsync(
        DockerEvents events, Stopwatch clock)
    {
        var floors = new List<GcFloor>();
        using var adminHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var fixedAdmin = new Uri("http://127.0.0.1:6061/");
        IReadOnlyList<DateTimeOffset> kills = [];
        var leakyRestarts = 0;
        var nextProgress = TimeSpan.Zero;
        // What is left of the window after this loop is for Prometheus's alert (`for: 1m`) and the soak's verdicts.
        while (clock.Elapsed < Deadline - TimeSpan.FromSeconds(20))
        {
            kills = events.OomKills(Leaky);
            leakyRestarts = await DockerCli.RestartCountAsync(Leaky);
            Assert.True(await DockerCli.RestartCountAsync(Fixed) == 0, $"the fixed container restarted: {Describe(events)}");
            var bytes = await DockerCli.WorkingSetBytesAsync(Fixed);

            // After WarmUp, a forced full GC in the fixed service every MemoryFlatness.FloorInterval: the floors MemoryFlatness judges.
            if (await MemoryFlatness.TakeIfDueAsync(floors, clock.Elapsed, WarmUp, adminHttp, fixedAdmin, Fixed) is { } floor)
            {
                output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0}s fixed after a forced full GC: heap {Mib(floor.HeapBytes)} MiB, working set {Mib(floor.WorkingSetBytes)} MiB");
            }

            if (clock.Elapsed >= nextProgress)
            {
                nextProgress += TimeSpan.FromSeconds(10);
                var leakyBytes = await DockerCli.WorkingSetBytesAsync(Leaky);
                output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0}s leaky {(leakyBytes is { } l ? Mib(l) : "-")} MiB, {kills.Count} OOM-kill(s), "
                    + $"RestartCount {leakyRestarts}; fixed {(bytes is { } f ? Mib(f) : "-")} MiB");
            }

            if (kills.Count >= 2 && leakyRestarts >= 2 && floors.Count >= MemoryFlatness.FloorsNeeded)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return (kills, leakyRestarts, floors);
    }

    /// <summary>The compose services this engine can run, and why the others cannot.</summary>
    private async Task<(List<string> Services, Dictionary<string, string> Skipped)> RunnableServicesAsync()
    {
        var services = new List<string> { "orders-leaky", "orders-fixed", "load", "prometheus" };
        var skipped = new Dictionary<string, string>();
        var config = JsonNode.Parse((await Compose.RunAsync(engine, Project, ["config", "--format", "json"], TimeSpan.FromSeconds(60))).Stdout)!;
        foreach (var (service, why) in new Dictionary<string, string>
        {
            ["grafana"] = "its image is in no registry reachable here and Debian has no package to build a stand-in from",
            ["cadvisor"] = "its image is in no registry reachable here (gcr.io) and Debian has no cAdvisor package",
        })
        {
            var image = (string?)config["services"]?[service]?["image"] ?? "";
            var local = image.Length > 0 && (await DockerCli.RunAsync("docker", ["image", "inspect", image], null, TimeSpan.FromSeconds(30))).ExitCode == 0;
            // With the official images (a normal Docker engine) compose pulls them; with stand-ins only local ones run.
            if (local || engine.Settings.Count == 0)
            {
                services.Add(service);
            }
            else
            {
                skipped[service] = $"{image}: {why}";
            }
        }

        return (services, skipped);
    }

    /// <summary>
    /// Every dashboard and alert expression answers for both variants; the leak alert fires for leaky (within what is
    /// left of the window) and is never pending or firing for fixed, where no alert fires; Prometheus counts leaky's
    /// restarts and none of fixed.
    /// </summary>
    private async Task AssertPrometheusAsync(Stopwatch clock)
    {
        using var prometheus = new PrometheusApi(new Uri("http://127.0.0.1:9090/"));
        var window = $"{(int)clock.Elapsed.TotalSeconds + 30}s";
        var coverage = new PrometheusCoverage(prometheus, window, cadvisorRan: false);
        var answers = await coverage.AskAsync();
        foreach (var answer in answers)
        {
            output.WriteLine((answer.Both ? "answered " : "MISSING  ") + answer);
        }

        foreach (var expr in coverage.NotChecked)
        {
            output.WriteLine($"not checked (cAdvisor did not run here): {expr}");
        }

        foreach (var (alert, expr) in PrometheusRules.Alerts())
        {
            output.WriteLine($"alert {alert}: condition held for [{string.Join(", ", (await coverage.HeldAsync(expr)).Order())}]");
        }

        var missing = answers.Where(a => !a.Both).ToList();
        Assert.True(missing.Count == 0, "expressions without data for both variants in the compose Prometheus:\n" + string.Join('\n', missing));

        // The leak alert (`for: 1m`) fires for leaky and is never even pending for fixed.
        var left = Deadline - clock.Elapsed;
        await Eventually.UntilAsync(async () => (await prometheus.QueryAsync("ALERTS{alertname=\"OrdersWorkerLeak\",alertstate=\"firing\",variant=\"leaky\"}")).Count > 0,
            left > TimeSpan.Zero ? left : TimeSpan.Zero, () => "OrdersWorkerLeak did not fire for leaky");
        output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0}s OrdersWorkerLeak firing for leaky");
        var alerts = await prometheus.QueryAsync($"max_over_time(ALERTS[{window}])");
        output.WriteLine("alerts pending or firing in the window: "
            + string.Join(", ", alerts.Select(a => $"{a.Labels["alertname"]}/{a.Labels.GetValueOrDefault("variant")}/{a.Labels["alertstate"]}").Order()));
        Assert.DoesNotContain(alerts, a => a.Labels["alertname"] == "OrdersWorkerLeak" && a.Labels.GetValueOrDefault("variant") == "fixed");
        // No alert fires for fixed at all (a trend alert may be briefly pending while its window is young: `for` holds it).
        Assert.DoesNotContain(alerts, a => a.Labels.GetValueOrDefault("variant") == "fixed" && a.Labels["alertstate"] == "firing");
        var restarts = (await prometheus.QueryAsync("changes(process_start_time_seconds{job=\"orders\"}[15m])")).ToDictionary(s => s.Labels["variant"], s => s.Value);
        output.WriteLine($"Prometheus: process restarts leaky {restarts.GetValueOrDefault("leaky")}, fixed {restarts.GetValueOrDefault("fixed")}");
        Assert.True(restarts.GetValueOrDefault("leaky") >= 1);
        Assert.Equal(0, restarts.GetValueOrDefault("fixed"));
    }

    /// <summary>
    /// `leaklab soak` (the real command line, in-process) attached to the containers' published loopback ports while
    /// compose's load runs: its own load is 1 req/s; the verdicts and restarts come from the services' /metrics.
    /// </summary>
    private async Task<(int ExitCode, JsonNode Verdicts)> SoakAsync(CancellationToken cancellationToken)
    {
        var report = Directory.CreateTempSubdirectory("orderleaklab-soak-");
        try
        {
            var exit = await new RootCommand("leaklab").AddLeakLabCommands().Parse(
            [
                "soak", "--target", "leaky=http://127.0.0.1:8081", "--target", "fixed=http://127.0.0.1:8082", "--rate", "1",
                "--baseline", "5s", "--duration", "100s", "--cooldown", "10s", "--expect", "leaky=leak,fixed=flat",
                "--report", report.FullName, "--plain",
            ]).InvokeAsync(cancellationToken: cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            return (exit, JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(report.FullName, "verdict.json")))!);
        }
        finally
        {
            report.Delete(recursive: true);
        }
    }

    private void AssertSoak((int ExitCode, JsonNode Verdicts) soak)
    {
        var targets = soak.Verdicts["targets"]!.AsArray().ToDictionary(t => (string)t!["name"]!, t => t!);
        foreach (var (name, t) in targets)
        {
            output.WriteLine($"soak verdict {name}: {(string?)t["verdict"]}, {(int)t["restarts"]!} restart(s): {string.Join("; ", t["evidence"]!.AsArray().Select(e => (string?)e))}");
        }

        Assert.Equal("leak", (string?)targets["leaky"]["verdict"]);
        Assert.True((int)targets["leaky"]["restarts"]! >= 1, "soak saw no restart of leaky (process_start_time_seconds never changed)");
        Assert.Equal("flat", (string?)targets["fixed"]["verdict"]);
        Assert.Equal(0, (int)targets["fixed"]["restarts"]!);
        Assert.Equal(0, soak.ExitCode);
    }

    /// <summary>The engine's containers, networks and volumes (IDs), to compare before `up` and after `down -v`.</summary>
    private static async Task<Dictionary<string, HashSet<string>>> EngineObjectsAsync()
    {
        var objects = new Dictionary<string, HashSet<string>>();
        foreach (var kind in new[] { "container", "network", "volume" })
        {
            var ls = await DockerCli.RunAsync("docker", [kind, "ls", "-q", .. kind == "container" ? new[] { "-a" } : []], null, TimeSpan.FromSeconds(30));
            Assert.True(ls.ExitCode == 0, $"docker {kind} ls: {ls}");
            objects[kind] = ls.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        }

        return objects;
    }

    /// <summary>`down -v` left no container, network or volume that was not there before `up` (anonymous volumes included).</summary>
    private async Task AssertNothingLeftAsync(Dictionary<string, HashSet<string>> before)
    {
        var after = await EngineObjectsAsync();
        var left = after.SelectMany(kv => kv.Value.Except(before[kv.Key]).Select(id => $"{kv.Key} {id}")).ToList();
        output.WriteLine($"after down -v: {(left.Count == 0 ? "no container, network or volume left" : string.Join(", ", left))}");
        Assert.True(left.Count == 0, $"docker compose down -v left behind: {string.Join(", ", left)}");
    }

    private static string Describe(DockerEvents events) =>
        string.Join("; ", events.All.Select(e => $"{e.Time:HH:mm:ss} {e.Container} {e.Action}{(e.ExitCode is { } c ? " " + c : "")}"));

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
