using OrderLeakLab.Lab.Live;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Sampling;

namespace OrderLeakLab.Lab.Tests.Live;

/// <summary>The view used when output is not a terminal (CI logs, pipes): events at once, status lines every few renders.</summary>
public class PlainViewTests
{
    private sealed class Answering : ISampleSource
    {
        public string Description => "answering";

        public Task<MetricsReading> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new MetricsReading(true, 100L << 20, 256L << 20, 7, null, null));
    }

    [Fact]
    public async Task Render_SixTicksEveryFive_EventsAtOnceAndAStatusLinePerVariantOnTheFirstAndSixthTick()
    {
        var output = new StringWriter();
        var view = new PlainView(output, everySeconds: 5);
        var variants = new[] { "leaky", "fixed" }.Select(n => new RunTarget(new TargetPlan(n, new Uri("http://127.0.0.1:1/")), null, new Answering())).ToList();
        foreach (var v in variants)
        {
            await v.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        }

        view.Log("leaky: started pid 42");
        for (var t = 1; t <= 6; t++)
        {
            view.Render(new DemoSnapshot(TimeSpan.FromSeconds(t), "baseline", 256L << 20, variants));
        }

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "leaky: started pid 42",
                "[   1s baseline] leaky  attached rss 100Mi/256Mi workers 7 restarts 0 0 req/s ok 0 timeout 0 error 0 p99 –",
                "[   1s baseline] fixed  attached rss 100Mi/256Mi workers 7 restarts 0 0 req/s ok 0 timeout 0 error 0 p99 –",
                "[   6s baseline] leaky  attached rss 100Mi/256Mi workers 7 restarts 0 0 req/s ok 0 timeout 0 error 0 p99 –",
                "[   6s baseline] fixed  attached rss 100Mi/256Mi workers 7 restarts 0 0 req/s ok 0 timeout 0 error 0 p99 –",
            ],
            lines);
    }
}
