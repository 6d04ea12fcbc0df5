using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using OrderLeakLab.Lab;
using OrderLeakLab.Lab.Run;
using Xunit.Abstractions;

namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// Testcontainers: the order-service image (built from its Dockerfile by the collection fixture) as a leaky and a
/// fixed container under the compose file's 256 MiB limit and GC setting, driven in-process by the project's load
/// engine. The kernel OOM-kills the leaky one; the fixed one keeps running with flat memory.
/// </summary>
[Collection(DockerCollection.Name)]
public class OrderServiceContainerTests(DockerEngine engine, ITestOutputHelper output)
{
    private const int RatePerTarget = 600;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);

    [ContainerFact]
    public async Task LeakyAndFixed_256MiBUnderLoad_LeakyOomKilledFixedRunsFlat()
    {
        Assert.NotNull(engine);
        var clock = Stopwatch.StartNew();
        await using var leaky = Container("leaky");
        await using var fixedOne = Container("fixed");
        await Task.WhenAll(leaky.StartAsync(), fixedOne.StartAsync());
        output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0}s both containers ready");
        var user = await leaky.ExecAsync(["id", "-u"]);
        Assert.Equal("1654", user.Stdout.Trim());

        var ticks = 0;
        void Progress(LoadTick tick)
        {
            // Every 10th interval of each target: the rate the generator achieved and how the service answered.
            if (Interlocked.Increment(ref ticks) % 20 < 2)
            {
                output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0}s {tick.Target}: sent {tick.SentPerSecond:0}/s, ok {tick.Ok}, "
                    + $"timed out {tick.TimedOut}, errors {tick.Errors}, p99 {tick.P99Ms:0} ms");
            }
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var stop = new CancellationTokenSource();
        LoadTarget Target(IContainer c, string name) => new(name, new Uri($"http://127.0.0.1:{c.GetMappedPublicPort(LabDefaults.ContainerHttpPort)}/"));
        // A 10 s ramp: both services JIT-compile their hot paths before the full rate arrives, instead of building a
        // backlog of requests that time out and cost new connections.
        var load = new LoadDriver(LoadPlan.Orders, rampUp: TimeSpan.FromSeconds(10)).RunAsync([Target(leaky, "leaky"), Target(fixedOne, "fixed")], RatePerTarget, Deadline, Progress, stop.Token);
        var loadStart = clock.Elapsed;
        WorkersJson? parked = null;
        var floors = new List<GcFloor>();
        var fixedAdmin = new Uri($"http://127.0.0.1:{fixedOne.GetMappedPublicPort(LabDefaults.AdminPort)}/");
        try
        {
            // Until leaky is OOM-killed and the fixed service has given its floors: a forced full GC every MemoryFlatness.FloorInterval
            // after WarmUp, what MemoryFlatness judges.
            var running = true;
            while (clock.Elapsed - loadStart < Deadline && (running || floors.Count < MemoryFlatness.FloorsNeeded))
            {
                if (running && parked is null && await WorkersAsync(http, leaky) is { Total: > 2000 } workers)
                {
                    parked = workers;
                    output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0}s leaky /debug/workers: {workers.Total} parked, largest group "
                        + $"{workers.Groups[0].Method} awaiting {workers.Groups[0].Awaiting} ({workers.Groups[0].Count})");
                }

                if (await MemoryFlatness.TakeIfDueAsync(floors, clock.Elapsed - loadStart, WarmUp, http, fixedAdmin, fixedOne.Id) is { } floor)
                {
                    output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0}s fixed after a forced full GC: heap {floor.HeapBytes / 1048576.0:0.0} MiB, "
                        + $"working set {floor.WorkingSetBytes / 1048576.0:0.0} MiB");
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
                // The engine's view, not Testcontainers' cached state: the kernel's kill happens behind its back.
                if (running && await DockerCli.InspectAsync(leaky.Id, "{{.State.Running}}") != "true")
                {
                    running = false;
                    output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0}s leaky stopped after {(clock.Elapsed - loadStart).TotalSeconds:0} s of {RatePerTarget} req/s");
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await load.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var oomKilled = await DockerCli.InspectAsync(leaky.Id, "{{.State.OOMKilled}} {{.State.ExitCode}}");
        output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0}s leaky: OOMKilled/exit {oomKilled}");
        Assert.Equal("true 137", oomKilled);

        Assert.NotNull(parked);
        Assert.Contains("HandOff", parked!.Groups.OrderByDescending(g => g.Count).First().Method, StringComparison.Ordinal);

        Assert.Equal("running 0", await DockerCli.InspectAsync(fixedOne.Id, "{{.State.Status}} {{.RestartCount}}"));
        var flatness = MemoryFlatness.Judge(floors);
        Assert.True(flatness is not null, $"the fixed container gave {floors.Count} floors (forced full GCs) in the window, {MemoryFlatness.FloorsNeeded} needed");
        output.WriteLine($"fixed: {flatness}");
        Assert.False(flatness.Grows, $"the fixed container's memory grows: {flatness}");
        output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0}s done");
    }

    /// <summary>A container of the order service as compose runs it: variant, 256 MiB without swap, GC limit above it.</summary>
    private static IContainer Container(string variant) =>
        new ContainerBuilder(DockerEngine.OrderServiceImage)
            .WithName($"orderleaklab-testcontainers-{variant}-{Guid.NewGuid():N}"[..48])
            .WithEnvironment("Orders__Variant", variant)
            .WithEnvironment(LabDefaults.GcHeapHardLimitVariable, LabDefaults.KernelOomGcHeapHardLimit)
            .WithPortBinding(LabDefaults.ContainerHttpPort, true)
            .WithPortBinding(LabDefaults.AdminPort, true)
            .WithCreateParameterModifier(p =>
            {
                p.HostConfig!.Memory = LabDefaults.MemoryLimitBytes;
                p.HostConfig.MemorySwap = LabDefaults.MemoryLimitBytes;
            })
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort((ushort)LabDefaults.ContainerHttpPort).ForPath("/readyz")))
            .Build();

    private static async Task<WorkersJson?> WorkersAsync(HttpClient http, IContainer leaky)
    {
        try
        {
            return await http.GetFromJsonAsync<WorkersJson>(
                $"http://127.0.0.1:{leaky.GetMappedPublicPort(LabDefaults.AdminPort)}/debug/workers?format=json");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The JSON of <c>/debug/workers?format=json</c>.</summary>
    private sealed record WorkersJson(int Total, IReadOnlyList<WorkersGroup> Groups);

    /// <summary>Workers parked at one stage.</summary>
    private sealed record WorkersGroup(string Method, string Awaiting, int Count, double OldestAgeSeconds);
}
