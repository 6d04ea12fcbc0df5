using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Report;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Soak;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Soak;

public class SoakRunnerTests
{
    [Fact]
    public async Task RunAsync_Cancelled_ReturnsPartialReportWithWhatWasSeen()
    {
        await using var target = await FakeTarget.StartAsync(_ => (64, 0));
        using var http = new HttpClient();
        var soak = new SoakTarget("app", target.BaseUrl, new MetricsScraper(http, new Uri(target.BaseUrl, "metrics")));
        using var cts = new CancellationTokenSource();
        var lines = new List<string>();
        var run = new SoakRunner(new OrderLoadDriver()).RunAsync(
            [soak],
            new SoakOptions { Rate = 50, Baseline = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(60), Cooldown = TimeSpan.FromSeconds(10) },
            line => { lock (lines) { lines.Add(line); } },
            cts.Token);

        await Wait.UntilAsync(() => target.Orders > 20, TimeSpan.FromSeconds(60), "orders to arrive");
        cts.Cancel();
        var report = await run;

        Assert.True(report.IsPartial);
        Assert.StartsWith("interrupted at", report.Partial, StringComparison.Ordinal);
        Assert.True(report.Phases.End < TimeSpan.FromSeconds(60));
        Assert.NotEmpty(report.Timelines[0].Samples);
        Assert.All(report.Timelines[0].Samples, s => Assert.Equal(64L * 1024 * 1024, s.RssBytes));
        Assert.Single(report.Verdicts);
        var directory = Directory.CreateTempSubdirectory("leaklab-partial-").FullName;
        try
        {
            await ReportWriter.WriteAsync(report, directory);
            Assert.Contains("PARTIAL REPORT", await File.ReadAllTextAsync(Path.Combine(directory, "report.html")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        // The load stopped with the soak: no order arrives once it has returned.
        var after = target.Orders;
        await Task.Delay(1500);
        Assert.InRange(target.Orders - after, 0, 5);
    }

    [Fact]
    public async Task RunAsync_TargetDown_SamplesAreGapsNotZeros()
    {
        using var http = new HttpClient();
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var report = await new SoakRunner(new OrderLoadDriver()).RunAsync(
            [new SoakTarget("gone", url, new MetricsScraper(http, new Uri(url, "metrics")))],
            new SoakOptions { Rate = 5, Baseline = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(2), Cooldown = TimeSpan.FromSeconds(1) },
            null,
            CancellationToken.None);

        Assert.False(report.IsPartial);
        Assert.True(report.Timelines[0].Samples.Count >= 4);
        Assert.All(report.Timelines[0].Samples, s => Assert.False(s.Up));
        Assert.All(report.Timelines[0].Samples, s => Assert.Null(s.RssBytes));
        Assert.True(report.Timelines[0].Samples.Sum(s => s.Errors + s.TimedOut) > 0);
    }
}
