namespace OrderLeakLab.Inspect.Tests.Support;

/// <summary>
/// The order service as the inspection tests run it (through <see cref="OrderServiceProcess"/>): work (300–400 ms)
/// outlasts the deadline (100 ms), so that every leaky request leaks a worker; the runtime's default GC mode.
/// </summary>
internal static class InspectedService
{
    private const string Order = """{"customerId":"c-1","items":[{"sku":"SKU-1","quantity":2,"unitPrice":9.99}]}""";

    /// <summary>Starts <paramref name="variant"/> of the catalog's <paramref name="leak"/> pattern (default: the incident's).</summary>
    public static Task<OrderServiceProcess> StartAsync(string variant, string leak = "blocked-send") =>
        OrderServiceProcess.StartAsync(new OrderServiceOptions
        {
            Variant = variant,
            Environment = new Dictionary<string, string?>
            {
                ["Orders__Leak"] = leak,
                ["Orders__WorkMin"] = "00:00:00.300",
                ["Orders__WorkMax"] = "00:00:00.400",
                ["Orders__Deadline"] = "00:00:00.100",
                ["DOTNET_gcServer"] = null,
            },
            StartupTimeout = TimeSpan.FromMinutes(2),
        });

    /// <summary>Sends <paramref name="count"/> orders, at most <paramref name="concurrency"/> at a time; returns how many got each status code.</summary>
    public static async Task<Dictionary<int, int>> SendOrdersAsync(this OrderServiceProcess service, int count, int concurrency = 64) =>
        (await service.PostOrdersAsync(Order, count, concurrency)).CountBy(code => code).ToDictionary();

    /// <summary>A metric's value from the service's own <c>/metrics</c>, summed over label sets.</summary>
    public static async Task<double> MetricAsync(this OrderServiceProcess service, string name) => (await service.GetMetricsAsync()).Sum(name);
}
