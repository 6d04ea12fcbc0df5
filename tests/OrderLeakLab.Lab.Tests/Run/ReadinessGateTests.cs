using OrderLeakLab.Common;
using Microsoft.Extensions.Time.Testing;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Tests.Run;

public class ReadinessGateTests
{
    private sealed class NoSource : ISampleSource
    {
        public string Description => "none";

        public Task<MetricsReading> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(MetricsReading.Down);
    }

    [Fact]
    public async Task WaitAsync_NothingAnswers_GivesUpAfterTheTimeoutOnTheRunClockNamingTheTarget()
    {
        var time = new FakeTimeProvider();
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var launch = new LaunchPlan(64L << 20, OomMode.Kernel, new Uri(url, "healthz"), _ => new LaunchSpec("true", [], new Dictionary<string, string?>(), null));
        var target = new RunTarget(new TargetPlan("app", url) { Launch = launch }, null, new NoSource());
        using var http = new HttpClient();
        var waiting = new ReadinessGate(http, time).WaitAsync([target], TimeSpan.FromSeconds(30), CancellationToken.None);

        var advanced = TimeSpan.Zero;
        while (!waiting.IsCompleted && advanced < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(5); // let the refused probe come back before the clock moves on
            time.Advance(ReadinessGate.ProbePeriod);
            advanced += ReadinessGate.ProbePeriod;
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => waiting);
        Assert.Contains("not ready after 30s: app (GET http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.InRange(advanced, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task WaitAsync_AttachedTargetsOnly_ReturnsAtOnce()
    {
        var target = new RunTarget(new TargetPlan("app", new Uri("http://127.0.0.1:1/")), null, new NoSource());
        using var http = new HttpClient();

        await new ReadinessGate(http, new FakeTimeProvider()).WaitAsync([target], TimeSpan.FromSeconds(1), CancellationToken.None);
    }
}
