using System.Net;
using System.Text;
using System.Text.Json;
using OrderService.Tests.Fixtures;

namespace OrderService.Tests.Apis;

public class OrdersApiTests
{
    [Theory]
    [InlineData("leaky")]
    [InlineData("fixed")]
    public async Task CreateOrder_WorkerBeatsDeadline_ConfirmsWith200(string variant)
    {
        await using var service = await OrderServiceProcess.StartAsync(OrderServiceOptions.AlwaysInTime(variant));

        var (status, mediaType, json) = await PostAsync(service);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
        Assert.True(Guid.TryParse(json.GetProperty("orderId").GetString(), out _));
        Assert.Equal("confirmed", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("processingMs").GetInt64() >= 10);
        var metrics = await service.GetMetricsAsync();
        Assert.Equal(1, metrics.Value("orders_requests_total", ("variant", variant), ("outcome", "confirmed")));
        await Eventually.UntilAsync(
            async () => (await service.GetMetricsAsync()).Value("orders_workers_exited_total", ("variant", variant), ("reason", "delivered")) == 1,
            TimeSpan.FromSeconds(30),
            "the worker to exit as delivered");
    }

    [Theory]
    [InlineData("leaky")]
    [InlineData("fixed")]
    public async Task CreateOrder_WorkOutlastsDeadline_GivesUpWith504Problem(string variant)
    {
        await using var service = await OrderServiceProcess.StartAsync(OrderServiceOptions.AlwaysLate(variant));

        var (status, mediaType, json) = await PostAsync(service);

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(504, json.GetProperty("status").GetInt32());
        Assert.Equal("Checkout timed out", json.GetProperty("title").GetString());
        Assert.Equal(1, (await service.GetMetricsAsync()).Value("orders_requests_total", ("variant", variant), ("outcome", "timed_out")));
    }

    [Fact]
    public async Task CreateOrder_SameTiming_BothVariantsAnswerAlike()
    {
        foreach (var timing in new Func<string, OrderServiceOptions>[] { OrderServiceOptions.AlwaysInTime, OrderServiceOptions.AlwaysLate })
        {
            await using var leaky = await OrderServiceProcess.StartAsync(timing("leaky"));
            await using var @fixed = await OrderServiceProcess.StartAsync(timing("fixed"));

            var a = await PostAsync(leaky);
            var b = await PostAsync(@fixed);

            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.MediaType, b.MediaType);
            Assert.Equal(Shape(a.Json), Shape(b.Json));
        }
    }

    private static string Shape(JsonElement json) =>
        string.Join(",", json.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}"));

    private static async Task<(HttpStatusCode Status, string? MediaType, JsonElement Json)> PostAsync(OrderServiceProcess service)
    {
        using var content = new StringContent(SampleOrders.Valid(3), Encoding.UTF8, "application/json");
        using var response = await service.Client.PostAsync("orders", content);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }
}
