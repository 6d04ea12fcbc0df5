using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Live;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Tests.Live;

public class StatusTextTests
{
    private sealed class FixedReadings(params MetricsReading[] readings) : ISampleSource
    {
        private int _next;

        public string Description => "fixed readings";

        public Task<MetricsReading> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(readings[_next++ % readings.Length]);
    }

    private static RunTarget Variant(params MetricsReading[] readings) => new(
        new TargetPlan("leaky", new Uri("http://127.0.0.1:5001/")),
        new Supervisor("leaky", new LaunchSpec("true", [], new Dictionary<string, string?>(), null), null, new SupervisorOptions(), TimeProvider.System),
        new FixedReadings(readings));

    private static MetricsReading Rss(long mib) => new(true, mib << 20, 256L << 20, 10, null, null);

    [Fact]
    public async Task Sparkline_RisingMemoryWithAGap_RisesAndShowsTheGapAsSpace()
    {
        var v = Variant(Rss(20), Rss(120), MetricsReading.Down, Rss(250));
        for (var i = 0; i < 4; i++)
        {
            await v.SampleAsync(TimeSpan.FromSeconds(i), CancellationToken.None);
        }

        var line = StatusText.Sparkline(v, 256L << 20);
        Assert.Equal(4, line.Length);
        Assert.True(line[0] < line[1] && line[1] < line[3], line);
        Assert.Equal(' ', line[2]);
    }

    [Fact]
    public async Task PlainLine_AfterLoadTick_ShowsMemoryWorkersRateOutcomesAndP99()
    {
        var v = Variant(Rss(212));
        v.OnLoadTick(new LoadTick("leaky", 1000, 400, 600, 3, 512));
        await v.SampleAsync(TimeSpan.FromSeconds(42), CancellationToken.None);
        var line = StatusText.PlainLine(new DemoSnapshot(TimeSpan.FromSeconds(42), "load 30s/3m", 256L << 20, [v]), v);
        Assert.Contains("rss 212Mi/256Mi", line);
        Assert.Contains("workers 10", line);
        Assert.Contains("1000 req/s ok 400 timeout 600 error 3 p99 512ms", line);
        Assert.Contains("restarts 0", line);
    }
}
