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
public partial class ComposeUpTests(DockerEngine engine, ITestOutputHelper output)
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

        using var events = DockerEvents.Start(Project + "-");
        Exception? failure = null;
        try
        {
            var up = await Compose.RunAsync(engine, Project, ["up", "-d", "--no-build", .. services], TimeSpan.FromMinutes(3));
            Assert.True(up.ExitCode == 0, $"docker compose up failed: {up}");
            var clock = Stopwatch.StartNew();
            output.WriteLine($"up: {string.Join(", ", services)} (load started once both variants were healthy)");

            using var soakStop = new CancellationTokenSource();
            var soak = SoakAsync(soakStop.Token);
            var fixedMemory = new List<(TimeSpan At, long Bytes)>();
            using var metricsHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var fixedUrl = new Uri("http://127.0.0.1:8082/");
            var firstFullGc = (long?)null;
            TimeSpan? settledAt = null;
            var (kills, leakyRestarts) = (Array.Empty<DateTimeOffset>() as IReadOnlyList<DateTimeOffset>, 0);
            var nextProgress = TimeSpan.Zero;
            while (clock.Elapsed < Deadline)
            {
                kills = events.OomKills(Leaky);
                leakyRestarts = await DockerCli.RestartCountAsync(Leaky);
                Assert.True(await DockerCli.RestartCountAsync(Fixed) == 0, $"the fixed container restarted: {Describe(events)}");
                if (await DockerCli.WorkingSetBytesAsync(Fixed) is { } bytes)
                {
                    fixedMemory.Add((clock.Elapsed, bytes));
                }

                // Warm-up ends once the fixed service's heap has settled: after WarmUp and its first full GC under load.
                if (settledAt is null && await FullGcCount.ReadAsync(metricsHttp, fixedUrl) is { } fullGcs)
                {
                    firstFullGc ??= fullGcs;
                    if (fullGcs > firstFullGc && clock.Elapsed >= WarmUp)
                    {
                        settledAt = clock.Elapsed;
                        output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0}s fixed: first full GC under load seen, its heap has settled");
                    }
                }

                if (clock.Elapsed >= nextProgress)
                {
                    nextProgress += TimeSpan.FromSeconds(10);
                    var leakyBytes = await DockerCli.WorkingSetBytesAsync(Leaky);
                    output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0}s leaky {(leakyBytes is { } b ? Mib(b) : "-")} MiB, {kills.Count} OOM-kill(s), "
                        + $"RestartCount {leakyRestarts}; fixed {(fixedMemory.Count > 0 ? Mib(fixedMemory[^1].Bytes) : "-")} MiB");
                }

                if (kills.Count >= 2 && leakyRestarts >= 2 && settledAt is { } settled && clock.Elapsed > settled + TimeSpan.FromSeconds(30))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            output.WriteLine($"after {clock.Elapsed.TotalSeconds:0} s of load: leaky OOM-killed at "
                + string.Join(", ", kills.Select(k => k.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))
                + $" UTC, RestartCount {leakyRestarts}; fixed RestartCount 0");
            Assert.True(kills.Count >= 2, $"leaky was OOM-killed {kills.Count}× in {Deadline.TotalMinutes} min (want ≥ 2): {Describe(events)}");
            Assert.True(leakyRestarts >= 2, $"leaky RestartCount {leakyRestarts} (want ≥ 2)");
            Assert.True(settledAt is not null, $"the fixed service ran no full GC in {clock.Elapsed.TotalSeconds:0} s of load: its memory has not settled, flatness cannot be judged");
            AssertFlat(fixedMemory.Where(m => m.At >= settledAt).Select(m => m.Bytes).ToList());

            output.WriteLine((await Compose.RunAsync(engine, Project, ["logs", "--tail", "12", "load"], TimeSpan.FromSeconds(60))).Output);
            await AssertPrometheusAsync(clock.Elapsed);

            var report = await soak;
            await soakStop.CancelAsync();
            AssertSoak(report);
        }
        catch (Exception e)
        {
            failure = e;
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
                await AssertNothingLeftAsync();
            }
        }
    }

    /// <summary>The compose services this engine can run, and why the others cannot.</summary>
    private async Task<(List<string> Services, Dictionary<string, string> Skipped)> RunnableServicesAsync()
    {
        var services = new List<string> { "orders-leaky", "orders-fixed", "load", "prometheus" };
        var skipped = new Dictionary<string, string>();
        var config = JsonNode.Parse((await Compose.RunAsync(engine, Project, ["config", "--format", "json"], TimeSpan.FromSeconds(60))).Output)!;
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

    /// <summary>The fixed container's working set, once its heap has settled, stays within ±15% of its median.</summary>
    private void AssertFlat(List<long> samples)
    {
        Assert.True(samples.Count >= 10, $"only {samples.Count} memory samples of the fixed container after warm-up");
        var median = samples.Order().ElementAt(samples.Count / 2);
        var (min, max) = (samples.Min(), samples.Max());
        output.WriteLine($"fixed working set after its first full GC under load: {Mib(min)}–{Mib(max)} MiB, median {Mib(median)} MiB ({samples.Count} samples)");
        Assert.True(min >= median * 0.85 && max <= median * 1.15,
            $"fixed memory left ±15% of its median {Mib(median)} MiB: {Mib(min)}–{Mib(max)} MiB");
    }

    private async Task AssertPrometheusAsync(TimeSpan loadFor)
    {
        using var prometheus = new PrometheusApi(new Uri("http://127.0.0.1:9090/"));
        var window = $"{(int)loadFor.TotalSeconds + 30}s";
        var missing = new List<string>();
        foreach (var expr in DashboardExpressions.All())
        {
            if (DashboardExpressions.NeedsCadvisor(expr))
            {
                output.WriteLine($"not checked (cAdvisor did not run here): {expr}");
                continue;
            }

            var variants = (await prometheus.QueryAsync($"max_over_time(({DashboardExpressions.Substitute(expr)})[{window}:2s])"))
                .Select(s => s.Labels.GetValueOrDefault("variant")).ToHashSet();
            if (!variants.Contains("leaky") || !variants.Contains("fixed"))
            {
                missing.Add($"dashboard: {expr} -> [{string.Join(", ", variants)}]");
            }
        }

        foreach (var (alert, expr) in PrometheusRules.Alerts())
        {
            // An alert expression returns data while its condition holds: over the run, for leaky. Where the
            // condition needs more than this run gave (three restarts), its measured side must still answer.
            var held = await prometheus.QueryAsync($"max_over_time(({expr})[{window}:2s])");
            var measured = held.Count > 0 ? held : await prometheus.QueryAsync($"max_over_time(({PrometheusRules.WithoutThreshold(expr)})[{window}:2s])");
            output.WriteLine($"alert {alert}: condition held for [{string.Join(", ", held.Select(s => s.Labels.GetValueOrDefault("variant")))}]"
                + (held.Count > 0 ? "" : $"; without its threshold: [{string.Join(", ", measured.Select(s => $"{s.Labels.GetValueOrDefault("variant")}={s.Value:0.##}"))}]"));
            if (measured.Count > 0)
            {
                continue;
            }

            // A condition that did not hold (no starvation, no CPU growth here): every series it reads must answer.
            foreach (var selector in PrometheusRules.Selectors(expr))
            {
                var series = await prometheus.QueryAsync($"max_over_time({selector}[{window}])");
                output.WriteLine($"  reads {selector}: [{string.Join(", ", series.Select(s => s.Labels.GetValueOrDefault("variant")).Distinct())}]");
                if (series.Count == 0)
                {
                    missing.Add($"alert {alert}: {selector} (read by {expr})");
                }
            }
        }

        Assert.True(missing.Count == 0, "expressions without data in the compose Prometheus:\n" + string.Join('\n', missing));

        // The leak alert (`for: 1m`) fires for leaky and never for fixed.
        await Poll.UntilAsync(async () => (await prometheus.QueryAsync("ALERTS{alertname=\"OrdersWorkerLeak\",alertstate=\"firing\",variant=\"leaky\"}")).Count > 0,
            TimeSpan.FromSeconds(90), () => "OrdersWorkerLeak did not fire for leaky");
        Assert.Empty(await prometheus.QueryAsync($"max_over_time(ALERTS{{alertname=\"OrdersWorkerLeak\",variant=\"fixed\"}}[{window}])"));
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
            var exit = await new RootCommand("leaklab").AddLeakLabCommands().InvokeAsync(
            [
                "soak", "--target", "leaky=http://127.0.0.1:8081", "--target", "fixed=http://127.0.0.1:8082", "--rate", "1",
                "--baseline", "5s", "--duration", "100s", "--cooldown", "10s", "--expect", "leaky=leak,fixed=flat",
                "--report", report.FullName, "--plain",
            ]);
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

    private static async Task AssertNothingLeftAsync()
    {
        foreach (var kind in new[] { "container ls -a", "network ls", "volume ls" })
        {
            var left = await DockerCli.RunAsync("docker", [.. kind.Split(' '), "-q", "--filter", $"label=com.docker.compose.project={Project}"], null, TimeSpan.FromSeconds(30));
            Assert.True(left.Output.Trim().Length == 0, $"docker compose down -v left {kind.Split(' ')[0]}s behind: {left.Output}");
        }
    }

    private static string Describe(DockerEvents events) =>
        string.Join("; ", events.All.Select(e => $"{e.Time:HH:mm:ss} {e.Container} {e.Action}{(e.ExitCode is { } c ? " " + c : "")}"));

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
