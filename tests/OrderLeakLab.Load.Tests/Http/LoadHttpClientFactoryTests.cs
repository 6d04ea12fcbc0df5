using Microsoft.AspNetCore.Http;
using OrderLeakLab.Load.Http;
using OrderLeakLab.Load.Running;
using OrderLeakLab.Load.Scenarios;
using OrderLeakLab.Load.Simulations;

namespace OrderLeakLab.Load.Tests.Http;

public class LoadHttpClientFactoryTests
{
    private static ScenarioStep Post(HttpClient client, Uri url) => async (_, token) =>
    {
        using var response = await client.PostAsync(url, new StringContent("{}"), token);
        return StepResult.FromStatus((int)response.StatusCode);
    };

    [Fact]
    public async Task CreateClient_RealServerAtRate_CountsStatusCodesReusesCappedConnections()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async _ =>
        {
            await Task.Delay(20);
            return Interlocked.Increment(ref calls) % 4 == 0 ? Results.StatusCode(503) : Results.Ok();
        });
        using var client = LoadHttpClientFactory.CreateClient(new LoadHttpOptions { MaxConnectionsPerServer = 4 });
        var scenario = Scenario.Create("real", Post(client, new Uri(server.BaseAddress, "/orders")))
            .WithLoadSimulations(LoadSimulation.Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));

        var result = await new LoadRunner().RunAsync([scenario]);

        var total = result["real"].Total;
        Assert.Equal(200, total.Sent);
        Assert.Equal(200, total.Completed);
        Assert.Equal(150, total.StatusCodes[200]);
        Assert.Equal(50, total.StatusCodes[503]);
        Assert.Equal(50, total.Fail);
        Assert.True(total.Latency.P50 >= 20, $"p50 {total.Latency.P50} ms below the server's 20 ms");
        Assert.InRange(server.PeakConnections, 1, 4);
        Assert.InRange(server.AcceptedConnections, 1, 4);
    }

    [Fact]
    public async Task CreateClient_WithGauge_CountsTheConnectionsItHoldsOpenUntilDisposed()
    {
        using var release = new CancellationTokenSource();
        var waiting = 0;
        await using var server = await LoopbackServer.StartAsync(async _ =>
        {
            Interlocked.Increment(ref waiting);
            await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Ok();
        });
        var gauge = new ConnectionGauge();
        var client = LoadHttpClientFactory.CreateClient(new LoadHttpOptions { MaxConnectionsPerServer = 3 }, gauge);
        var url = new Uri(server.BaseAddress, "/orders");

        var requests = Enumerable.Range(0, 10).Select(_ => client.PostAsync(url, new StringContent("{}"))).ToList();
        await Eventually.UntilAsync(() => Volatile.Read(ref waiting) == 3, TimeSpan.FromSeconds(30), "3 requests at the server");
        Assert.Equal((3, 3), (gauge.Open, gauge.Peak));
        await release.CancelAsync();
        Assert.All(await Task.WhenAll(requests), r => Assert.True(r.IsSuccessStatusCode));

        client.Dispose();
        await Eventually.UntilAsync(() => gauge.Open == 0, TimeSpan.FromSeconds(30), "every connection closed with the client");
        Assert.Equal(3, gauge.Peak);
        Assert.Equal(3, server.AcceptedConnections);
    }

    [Fact]
    public async Task CreateClient_SlowServer_RequestTimeoutCountsAsTimeout()
    {
        using var release = new CancellationTokenSource();
        await using var server = await LoopbackServer.StartAsync(async _ =>
        {
            await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Ok();
        });
        using var client = LoadHttpClientFactory.CreateClient(new LoadHttpOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        var scenario = Scenario.Create("slow", Post(client, new Uri(server.BaseAddress, "/orders")))
            .WithLoadSimulations(LoadSimulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        var result = await new LoadRunner().RunAsync([scenario]);
        await release.CancelAsync();

        Assert.Equal(20, result["slow"].Total.Timeouts);
        Assert.Equal(0, result["slow"].Total.Ok);
    }

    [Fact]
    public async Task RunAsync_TokenCancelledMidRun_StopsCleanlyWithPartialResult()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.FromResult(Results.Ok()));
        using var client = LoadHttpClientFactory.CreateClient();
        var scenario = Scenario.Create("long", Post(client, new Uri(server.BaseAddress, "/orders")))
            .WithLoadSimulations(LoadSimulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)));
        using var cancel = new CancellationTokenSource();
        var run = new LoadRunner().Start([scenario], cancel.Token);

        await foreach (var stats in run.Intervals.ReadAllAsync())
        {
            if (stats.Index == 0)
            {
                await cancel.CancelAsync();
            }
        }

        var result = await run.Completion;
        Assert.True(result.Cancelled);
        Assert.True(result["long"].Stopped);
        Assert.InRange(result["long"].Total.Sent, 50, 150);
        Assert.True(result["long"].Intervals[^1].IsFinal);
    }

    [Fact]
    public void CreateHandler_Defaults_MatchDesignConnectionSettings()
    {
        using var handler = LoadHttpClientFactory.CreateHandler();

        Assert.Equal(1024, handler.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromMinutes(2), handler.PooledConnectionLifetime);
        Assert.False(handler.UseProxy);
        using var client = LoadHttpClientFactory.CreateClient();
        Assert.Equal(TimeSpan.FromSeconds(5), client.Timeout);
    }

    [Fact]
    public void Validate_ZeroConnections_ThrowsWithTheRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LoadHttpOptions { MaxConnectionsPerServer = 0 }.Validate());

        Assert.Contains("between 1 and 16384", error.Message);
    }
}
