using OrderService.Tests.Fixtures;
using Xunit.Abstractions;

namespace OrderService.Tests.Apis;

public class MetricsApiTests(ITestOutputHelper output)
{
    // DESIGN §4 fixes these names, and OpenTelemetry's naming gives the runtime's gauges a "_count" ending that
    // promtool's linter dislikes; these lint remarks are the only ones accepted.
    private static readonly string[] ContractNamesEndingInCount = ["dotnet_timer_count", "dotnet_thread_pool_thread_count", "dotnet_assembly_count", "dotnet_process_cpu_count"];

    private static readonly (string Name, string Type)[] ContractFamilies =
    [
        ("process_working_set_bytes", "gauge"), ("process_private_memory_bytes", "gauge"), ("process_virtual_memory_bytes", "gauge"),
        ("process_cpu_seconds_total", "counter"), ("process_num_threads", "gauge"), ("process_open_handles", "gauge"),
        ("process_start_time_seconds", "gauge"), ("dotnet_total_memory_bytes", "gauge"), ("dotnet_collection_count_total", "counter"),
        ("http_requests_received_total", "counter"), ("http_request_duration_seconds", "histogram"), ("http_requests_in_progress", "gauge"),
        ("dotnet_gc_last_collection_heap_size_bytes", "gauge"), ("dotnet_thread_pool_thread_count", "gauge"), ("dotnet_timer_count", "gauge"),
        ("orders_workers_inflight", "gauge"), ("orders_workers_started_total", "counter"), ("orders_workers_exited_total", "counter"),
        ("orders_requests_total", "counter"), ("orders_memory_limit_bytes", "gauge"), ("orders_build_info", "gauge"),
    ];

    [Fact]
    public async Task GetMetrics_AfterMixedTraffic_PassesPromtoolCheck()
    {
        await using var service = await StartWithTrafficAsync();
        var metrics = await service.GetMetricsAsync();

        var (exitCode, report) = await Promtool.CheckMetricsAsync(metrics.Text);

        output.WriteLine($"promtool check metrics: exit {exitCode}\n{report}");
        var remarks = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unexpected = remarks.Where(r => !ContractNamesEndingInCount.Any(n => r == $"{n} non-histogram and non-summary metrics should not have \"_count\" suffix")).ToList();
        Assert.True(exitCode is 0 or 3, $"promtool failed to parse /metrics (exit {exitCode}): {report}");
        Assert.True(unexpected.Count == 0, $"promtool remarks beyond the contract's *_count gauges: {string.Join(" | ", unexpected)}");
    }

    [Fact]
    public async Task GetMetrics_AfterMixedTraffic_ServesEveryContractMetric()
    {
        await using var service = await StartWithTrafficAsync();

        using var response = await service.Client.GetAsync("metrics");
        var metrics = new PrometheusText(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var missing = ContractFamilies.Where(f => metrics.TypeOf(f.Name) != f.Type).Select(f => $"{f.Name} ({f.Type}, got {metrics.TypeOf(f.Name) ?? "nothing"})").ToList();
        Assert.True(missing.Count == 0, $"missing or mistyped: {string.Join(", ", missing)}");
        Assert.NotNull(metrics.Value("http_requests_received_total", ("code", "200"), ("method", "POST"), ("endpoint", "/orders")));
        Assert.NotNull(metrics.Value("http_request_duration_seconds_bucket", ("code", "400"), ("endpoint", "/orders"), ("le", "+Inf")));
        Assert.NotNull(metrics.Value("http_requests_in_progress", ("method", "GET"), ("endpoint", "/metrics")));
        Assert.NotNull(metrics.Value("dotnet_collection_count_total", ("generation", "2")));
        Assert.NotNull(metrics.Value("dotnet_gc_last_collection_heap_size_bytes", ("gc_heap_generation", "gen2")));
        Assert.Equal(1, metrics.Value("orders_build_info", ("variant", "fixed")));
        Assert.True(metrics.Value("orders_requests_total", ("variant", "fixed"), ("outcome", "confirmed")) > 0);
        Assert.True(metrics.Value("orders_requests_total", ("variant", "fixed"), ("outcome", "timed_out")) > 0);
        Assert.Equal(5, metrics.Value("orders_requests_total", ("variant", "fixed"), ("outcome", "rejected")));
        Assert.True(metrics.Value("orders_workers_exited_total", ("variant", "fixed"), ("reason", "cancelled")) > 0);
        Assert.True(metrics.Value("process_working_set_bytes") > 10_000_000);
        Assert.True(metrics.Value("orders_memory_limit_bytes") > 0);
    }

    [Fact]
    public async Task GetMetrics_GcHeapHardLimitSet_ReportsItAsMemoryLimit()
    {
        var options = new OrderServiceOptions
        {
            Variant = "leaky",
            Environment = new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
        };
        await using var service = await OrderServiceProcess.StartAsync(options);

        var metrics = await service.GetMetricsAsync();

        Assert.Equal(268435456, metrics.Value("orders_memory_limit_bytes"));
    }

    // Work 0–400 ms against a 200 ms deadline: some orders confirmed, some timed out; plus 5 rejected.
    private static async Task<OrderServiceProcess> StartWithTrafficAsync()
    {
        var service = await OrderServiceProcess.StartAsync(new OrderServiceOptions
        {
            Variant = "fixed",
            Environment = new Dictionary<string, string?>
            {
                ["Orders__WorkMin"] = "00:00:00",
                ["Orders__WorkMax"] = "00:00:00.400",
                ["Orders__Deadline"] = "00:00:00.200",
            },
        });
        await service.PostOrdersAsync(SampleOrders.Valid(3), 60, concurrency: 10);
        await service.PostOrdersAsync("{\"customerId\":\"c\",\"items\":[]}", 5);
        return service;
    }
}
