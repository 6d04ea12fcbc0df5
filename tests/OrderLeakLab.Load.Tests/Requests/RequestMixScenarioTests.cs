using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using OrderLeakLab.Load.Requests;
using OrderLeakLab.Load.Running;
using OrderLeakLab.Load.Simulations;

namespace OrderLeakLab.Load.Tests.Requests;

public class RequestMixScenarioTests
{
    [Fact]
    public async Task RunAsync_WeightedMix_EachRequestArrivesWithItsHeadersAndBodyInItsShare()
    {
        var seen = new ConcurrentDictionary<string, int>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var key = $"{context.Request.QueryString} {context.Request.Headers["X-Kind"]} {context.Request.ContentType} {body}";
            seen.AddOrUpdate(key, 1, (_, n) => n + 1);
            return Results.Ok();
        });
        var requests = RequestArguments.Parse(RequestArguments.Pairs([
            "--request", "2:POST /orders?kind=a", "--header", "X-Kind: a", "--body", "{\"a\":1}",
            "--request", "POST /orders?kind=b", "--header", "X-Kind: b", "--header", "Content-Type: text/csv", "--body", "b,1",
        ]), Environment.CurrentDirectory);
        var scenario = RequestMixScenario.Create("mix", server.BaseAddress, new RequestMix(requests, 42), [LoadSimulation.Inject(300, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))]);

        var result = await new LoadRunner().RunAsync([scenario]);

        Assert.Equal(300, result["mix"].Total.Ok);
        Assert.Equal(200, seen.GetValueOrDefault("?kind=a a application/json {\"a\":1}"));
        Assert.Equal(100, seen.GetValueOrDefault("?kind=b b text/csv b,1"));
    }
}
