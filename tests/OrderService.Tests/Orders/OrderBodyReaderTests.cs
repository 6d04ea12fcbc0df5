using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrderService.Tests.Fixtures;
using Xunit.Abstractions;

namespace OrderService.Tests.Orders;

public class OrderBodyReaderTests(LateFixedServiceFixture fixture, ITestOutputHelper output) : IClassFixture<LateFixedServiceFixture>
{
    private const string Line = "{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":1}";

    [Theory]
    [InlineData("{", "body")]
    [InlineData("null", "body")]
    [InlineData("[]", "body")]
    [InlineData("{\"customerId\":\"c\",\"items\":[{\"sku\":\"a\",\"quantity\":\"x\",\"unitPrice\":1}]}", "items[0].quantity")]
    [InlineData("{\"customerId\":\"c\"}", "items")]
    [InlineData("{\"customerId\":\"c\",\"items\":[]}", "items")]
    [InlineData("{\"customerId\":\"c\",\"items\":[{\"sku\":\"a\",\"quantity\":0,\"unitPrice\":1}]}", "items[0].quantity")]
    [InlineData("{\"customerId\":\"c\",\"items\":[" + Line + ",{\"sku\":\"b\",\"quantity\":1,\"unitPrice\":-0.5}]}", "items[1].unitPrice")]
    [InlineData("{\"customerId\":\"c\",\"items\":[{\"quantity\":1,\"unitPrice\":1}]}", "items[0].sku")]
    [InlineData("{\"items\":[" + Line + "]}", "customerId")]
    public async Task CreateOrder_InvalidBody_400ProblemNamingTheField(string body, string field)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(body), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}', got {errors}");
    }

    [Fact]
    public async Task CreateOrder_MoreThanHundredItems_400NamingItems()
    {
        var body = "{\"customerId\":\"c\",\"items\":[" + string.Join(",", Enumerable.Repeat(Line, 101)) + "]}";

        using var response = await PostAsync(Encoding.UTF8.GetBytes(body), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"items\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task CreateOrder_WrongContentType_415(string? contentType)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(SampleOrders.Valid(1)), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateOrder_BodyOver64KiB_413(bool chunked)
    {
        var body = Encoding.UTF8.GetBytes("{\"customerId\":\"" + new string('c', 64 * 1024) + "\",\"items\":[]}");
        using var content = chunked ? new StreamContent(new MemoryStream(body)) : (HttpContent)new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await fixture.Service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task CreateOrder_ThousandsOfMalformedBodies_NoServerErrorAndNoLeakedWorker()
    {
        var bodies = MalformedOrders.Generate(2000, seed: 20261122).ToArray();
        var codes = new int[bodies.Length];

        await Parallel.ForAsync(0, bodies.Length, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            using var response = await PostAsync(bodies[i], "application/json");
            codes[i] = (int)response.StatusCode;
        });

        var histogram = string.Join(", ", codes.GroupBy(c => c).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        output.WriteLine($"{bodies.Length} malformed bodies: {histogram}");
        var serverErrors = codes.Select((c, i) => (c, i)).Where(x => x.c >= 500 && x.c != 504).ToList();
        Assert.True(serverErrors.Count == 0, $"server errors: {string.Join("; ", serverErrors.Take(5).Select(x => $"{x.c} for {Encoding.UTF8.GetString(bodies[x.i])[..Math.Min(200, bodies[x.i].Length)]}"))}");
        // 504 only where a mutation happened to leave a valid order (whose work here always outlasts the deadline).
        Assert.True(codes.Count(c => c is 400 or 413 or 415) >= bodies.Length * 0.9, histogram);
        await Eventually.UntilAsync(
            async () => (await fixture.Service.GetMetricsAsync()).Value("orders_workers_inflight", ("variant", "fixed")) == 0,
            TimeSpan.FromSeconds(60),
            "no worker left in flight");
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = content };
        return await fixture.Service.Client.SendAsync(request);
    }
}
