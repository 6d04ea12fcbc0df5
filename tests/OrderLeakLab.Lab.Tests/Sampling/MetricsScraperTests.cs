using System.Net;
using System.Net.Sockets;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Tests.Soak;

namespace OrderLeakLab.Lab.Tests.Sampling;

public class MetricsScraperTests
{
    [Fact]
    public async Task ReadAsync_LiveTarget_ReadsContractMetrics()
    {
        await using var target = await FakeTarget.StartAsync(_ => (123.5, 42));
        using var http = new HttpClient();
        var reading = await new MetricsScraper(http, new Uri(target.BaseUrl, "metrics")).ReadAsync(CancellationToken.None);
        Assert.Equal(new MetricsReading(true, (long)(123.5 * 1024 * 1024), 268_435_456, 42, null, 12), reading);
    }

    [Fact]
    public async Task ReadAsync_NothingListening_IsDownNotAnException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var scraper = new MetricsScraper(http, new Uri($"http://127.0.0.1:{port}/metrics"));
        Assert.Equal(MetricsReading.Down, await scraper.ReadAsync(CancellationToken.None));
        Assert.NotNull(scraper.LastError);
    }

    [Fact]
    public async Task ReadAsync_SlowerThanTimeout_IsDown()
    {
        await using var target = await FakeTarget.StartAsync(_ => (1, 1), metricsDelay: TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        var scraper = new MetricsScraper(http, new Uri(target.BaseUrl, "metrics"), new MetricsScraperOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        Assert.False((await scraper.ReadAsync(CancellationToken.None)).Up);
        Assert.Contains("timed out", scraper.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ServerError_IsDown()
    {
        await using var target = await FakeTarget.StartAsync(_ => null);
        using var http = new HttpClient();
        var scraper = new MetricsScraper(http, new Uri(target.BaseUrl, "metrics"));
        Assert.False((await scraper.ReadAsync(CancellationToken.None)).Up);
        Assert.Equal("HTTP 500", scraper.LastError);
    }

    [Fact]
    public void Constructor_TimeoutOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MetricsScraper(new HttpClient(), new Uri("http://127.0.0.1:1/metrics"), new MetricsScraperOptions { Timeout = TimeSpan.FromMinutes(5) }));
}
