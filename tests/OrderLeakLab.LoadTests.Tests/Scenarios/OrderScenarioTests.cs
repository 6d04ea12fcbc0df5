using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderLeakLab.Load.Running;
using OrderLeakLab.Scenarios;

namespace OrderLeakLab.LoadTests.Tests.Scenarios;

public class OrderScenarioTests
{
    [Fact]
    public async Task Create_AgainstLocalServer_PostsValidOrdersRepeatablyBySeed()
    {
        var received = new ConcurrentBag<string>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            using var order = JsonDocument.Parse(body);
            var lines = order.RootElement.GetProperty("items").GetArrayLength();
            received.Add(body);
            return context.Request.ContentType == "application/json" && lines is >= 1 and <= 20
                ? Results.Ok(new { status = "confirmed" })
                : Results.BadRequest();
        });
        var options = new OrderScenarioOptions { Rate = 100, Duration = TimeSpan.FromSeconds(1), Seed = 3, OrderPoolSize = 1000 };

        var result = await new LoadRunner().RunAsync([OrderScenario.Create("fixed", server.BaseAddress, options)]);

        Assert.Equal(100, result["fixed"].Total.Ok);
        Assert.Equal(100, result["fixed"].Total.StatusCodes[200]);
        var expected = OrderGenerator.Generate(3, 1000).Take(100).Select(b => System.Text.Encoding.UTF8.GetString(b)).Order();
        Assert.Equal(expected, received.Order());
    }

    [Fact]
    public void Validate_ZeroRate_ThrowsWithTheRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            OrderScenario.Create("x", new Uri("http://127.0.0.1:1"), new OrderScenarioOptions { Rate = 0 }));

        Assert.Contains("Rate must be above 0", error.Message);
    }
}
