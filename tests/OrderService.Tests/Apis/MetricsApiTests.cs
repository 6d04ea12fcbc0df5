using System.Text.RegularExpressions;
using OrderService.Tests.Fixtures;
using Xunit.Abstractions;

namespace OrderService.Tests.Apis;

public partial class MetricsApiTests(ITestOutputHelper output)
{
    private static readonly (string Name, string Type)[] ContractFamilies =
    [
        ("process_working_set_bytes", "gauge"), ("process_private_memory_bytes", "gauge"), ("process_virtual_memory_bytes", "gauge"),
        ("process_cpu_seconds_total", "counter"), ("process_num_threads", "gauge"), ("process_open_handles", "gauge"),
        ("process_start_time_seconds", "gauge"), ("dotnet_total_memory_bytes", "gauge"), ("dotnet_collection_count_total", "counter"),
        ("http_requests_received_total", "counter"), ("http_request_duration_seconds", "histogram"), ("http_requests_in_progress", "gauge"),
        ("dotnet_gc_last_collection_heap_size_bytes", "gauge"), ("dotnet_gc_committed_bytes", "gauge"), ("dotnet_gc_allocated_bytes_total", "counter"),
        ("dotnet_gc_pause_seconds_total", "counter"), ("dotnet_thread_pool_threads", "gauge"), ("dotnet_thread_pool_queue_length", "gauge"),
        ("dotnet_thread_pool_completed_work_items_total", "counter"), ("dotnet_timers", "gauge"), ("dotnet_monitor_lock_contentions_total", "counter"),
        ("dotnet_exceptions_total", "counter"),
        ("orders_workers_inflight", "gauge"), ("orders_workers_started_total", "counter"), ("orders_workers_exited_total", "counter"),
        ("orders_requests_total", "counter"), ("orders_memory_limit_bytes", "gauge"), ("orders_build_info", "gauge"),
    ];

    [Theory]
    [InlineData("leaky")]
    [InlineData("fixed")]
    public async Task GetMetrics_UnderLoad_PassesPromtoolAndMatchesReadmeTable(string variant)
    {
        await using var service = await StartAsync(variant);
        using var load = new CancellationTokenSource();
        var traffic = KeepPostingAsync(service, load.Token);
        await service.PostOrdersAsync(SampleOrders.Valid(2), 60, concurrency: 20);

        var metrics = await service.GetMetricsAsync();
        var (exitCode, report) = await Promtool.CheckMetricsAsync(metrics.Text);
        await load.CancelAsync();
        await traffic;

        output.WriteLine($"echo \"$(curl -s {service.BaseAddress}metrics)\" | promtool check metrics  # {variant}, under load\nexit {exitCode}\n{report}");
        Assert.True(exitCode == 0 && report.Trim().Length == 0, $"promtool check metrics: exit {exitCode}: {report}");
        Assert.True(metrics.Value("http_requests_in_progress", ("method", "POST"), ("endpoint", "/orders")) > 0, "the scrape did not happen under load");
        var documented = ReadmeMetricNames();
        var exported = metrics.Families.ToHashSet();
        Assert.Empty(exported.Except(documented).Order());
        Assert.Empty(documented.Except(exported).Order());
    }

    [Fact]
    public async Task GetMetrics_AfterMixedTraffic_ServesEveryContractMetric()
    {
        await using var service = await StartAsync("fixed");
        await service.PostOrdersAsync(SampleOrders.Valid(3), 60, concurrency: 10);
        await service.PostOrdersAsync("{\"customerId\":\"c\",\"items\":[]}", 5);

        using var response = await service.Client.GetAsync("metrics");
        var metrics = new PrometheusText(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var missing = ContractFamilies.Where(f => metrics.TypeOf(f.Name) != f.Type).Select(f => $"{f.Name} ({f.Type}, got {metrics.TypeOf(f.Name) ?? "nothing"})").ToList();
        Assert.True(missing.Count == 0, $"missing or mistyped: {string.Join(", ", missing)}");
        Assert.Single(metrics.Families, f => f.StartsWith("http_", StringComparison.Ordinal) && metrics.TypeOf(f) == "histogram");
        Assert.NotNull(metrics.Value("http_requests_received_total", ("code", "200"), ("method", "POST"), ("controller", ""), ("action", ""), ("endpoint", "/orders")));
        Assert.NotNull(metrics.Value("http_request_duration_seconds_bucket", ("code", "400"), ("endpoint", "/orders"), ("le", "+Inf")));
        Assert.Equal(0, metrics.Value("http_requests_in_progress", ("method", "POST"), ("endpoint", "/orders")));
        Assert.NotNull(metrics.Value("dotnet_collection_count_total", ("generation", "2")));
        Assert.All(["gen0", "gen1", "gen2", "loh", "poh"], g => Assert.NotNull(metrics.Value("dotnet_gc_last_collection_heap_size_bytes", ("gc_heap_generation", g))));
        Assert.True(metrics.Value("dotnet_gc_allocated_bytes_total") > 1_000_000);
        Assert.True(metrics.Value("dotnet_thread_pool_threads") > 0);
        Assert.NotNull(metrics.Value("dotnet_timers"));
        Assert.True(metrics.Value("process_cpu_seconds_total") > 0);
        Assert.Equal(1, metrics.Value("orders_build_info", ("variant", "fixed")));
        Assert.True(metrics.Value("orders_requests_total", ("variant", "fixed"), ("outcome", "confirmed")) > 0);
        Assert.True(metrics.Value("orders_requests_total", ("variant", "fixed"), ("outcome", "timed_out")) > 0);
        Assert.Equal(5, metrics.Value("orders_requests_total", ("variant", "fixed"), ("outcome", "rejected")));
        Assert.True(metrics.Value("orders_workers_exited_total", ("variant", "fixed"), ("reason", "cancelled")) > 0);
        Assert.Equal(0, metrics.Value("orders_workers_exited_total", ("variant", "fixed"), ("reason", "failed")));
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

    // Work 0–400 ms against a 200 ms deadline: some orders confirmed, some timed out.
    private static Task<OrderServiceProcess> StartAsync(string variant) =>
        OrderServiceProcess.StartAsync(new OrderServiceOptions
        {
            Variant = variant,
            Environment = new Dictionary<string, string?>
            {
                ["Orders__WorkMin"] = "00:00:00",
                ["Orders__WorkMax"] = "00:00:00.400",
                ["Orders__Deadline"] = "00:00:00.200",
            },
        });

    // 20 clients, each posting its next order as soon as the last is answered: never a moment without one in flight.
    private static Task KeepPostingAsync(OrderServiceProcess service, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                await service.PostOrdersAsync(SampleOrders.Valid(2), 1, concurrency: 1);
            }
        }));

    /// <summary>The metric names of the README's metrics table (the contract), with histogram families as one name.</summary>
    private static HashSet<string> ReadmeMetricNames()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrderLeakLab.sln")))
        {
            directory = directory.Parent;
        }

        var readme = File.ReadAllText(Path.Combine(directory!.FullName, "README.md"));
        var table = readme[readme.IndexOf("### Metrics", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", table.IndexOf("| Metric |", StringComparison.Ordinal), StringComparison.Ordinal)];
        return [.. table.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => MetricName().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))];
    }

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex MetricName();
}
