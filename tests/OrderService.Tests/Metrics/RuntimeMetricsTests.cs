using OrderLeakLab.OrderService.Metrics;
using OrderService.Tests.Fixtures;
using Prometheus;

namespace OrderService.Tests.Metrics;

// The runtime's counts are process-wide and other tests run beside these: each assertion is on a change this test
// makes large enough to stand out, in the direction only this test pushes.
public sealed class RuntimeMetricsTests : IDisposable
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly RuntimeMetrics _metrics;

    public RuntimeMetricsTests() => _metrics = new RuntimeMetrics(_registry);

    [Fact]
    public async Task Collect_TimersPending_CountsThemInDotnetTimers()
    {
        var before = (await ScrapeAsync()).Value("dotnet_timers")!.Value;
        var timers = Enumerable.Range(0, 1000).Select(_ => new Timer(_ => { }, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan)).ToList();

        var during = (await ScrapeAsync()).Value("dotnet_timers")!.Value;
        timers.ForEach(t => t.Dispose());

        Assert.True(during - before >= 900, $"dotnet_timers went from {before} to {during} with 1000 timers pending");
    }

    [Fact]
    public async Task Collect_ExceptionsThrownAndCaught_CountsEveryOne()
    {
        var before = (await ScrapeAsync()).Value("dotnet_exceptions_total")!.Value;
        for (var i = 0; i < 25; i++)
        {
            try
            {
                throw new InvalidOperationException("counted");
            }
            catch (InvalidOperationException)
            {
            }
        }

        var after = (await ScrapeAsync()).Value("dotnet_exceptions_total")!.Value;

        Assert.True(after - before >= 25, $"dotnet_exceptions_total went from {before} to {after} after 25 throws");
    }

    [Fact]
    public async Task Collect_AfterAllocatingAndCollecting_ReportsHeapAllocationsAndGcPause()
    {
        var before = await ScrapeAsync();
        var kept = Enumerable.Range(0, 64).Select(_ => new byte[128 * 1024]).ToList();
        GC.Collect();

        var after = await ScrapeAsync();
        GC.KeepAlive(kept);

        Assert.True(after.Value("dotnet_gc_allocated_bytes_total") - before.Value("dotnet_gc_allocated_bytes_total") >= 64 * 128 * 1024);
        Assert.True(after.Value("dotnet_gc_last_collection_heap_size_bytes", ("gc_heap_generation", "loh")) >= 64 * 128 * 1024);
        Assert.True(after.Value("dotnet_gc_pause_seconds_total") > 0);
        Assert.True(after.Value("dotnet_thread_pool_threads") > 0);
        Assert.Equal("counter", after.TypeOf("dotnet_monitor_lock_contentions_total"));
        Assert.Equal("gauge", after.TypeOf("dotnet_thread_pool_queue_length"));
    }

    public void Dispose() => _metrics.Dispose();

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream);
        return new PrometheusText(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
