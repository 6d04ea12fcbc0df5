using Microsoft.Extensions.Time.Testing;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Run;

public class SampleLoopTests
{
    private sealed class CountingSource : ISampleSource
    {
        private long _reads;

        public long Reads => Interlocked.Read(ref _reads);

        public string Description => "counting";

        public Task<MetricsReading> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new MetricsReading(true, (Interlocked.Increment(ref _reads) + 10) << 20, null, null, null, null));
    }

    [Fact]
    public async Task RunAsync_FakeClock_SamplesEachTargetOnTheScheduleWithTheLoadTicksSinceTheLastSample()
    {
        var time = new FakeTimeProvider();
        var start = time.GetTimestamp();
        var source = new CountingSource();
        var target = new RunTarget(new TargetPlan("app", new Uri("http://127.0.0.1:1/")), null, source);
        var ticks = new List<TimeSpan>();
        var loop = new SampleLoop([target], new SampleSchedule(TimeSpan.FromSeconds(1)), time, start, (elapsed, _) => { lock (ticks) { ticks.Add(elapsed); } });
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(stop.Token);

        await Eventually.UntilAsync(() => source.Reads == 1, TimeSpan.FromSeconds(30), "the first sample at 0s");
        target.OnLoadTick(new LoadTick("app", 100, 90, 5, 5, 12));
        target.OnLoadTick(new LoadTick("app", 300, 280, 10, 10, 40));
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => source.Reads == 2, TimeSpan.FromSeconds(30), "the sample at 1s");
        loop.Schedule.AlignTo(TimeSpan.FromMilliseconds(1_200)); // takes effect after the tick already waited for (2s)
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => source.Reads == 3, TimeSpan.FromSeconds(30), "the sample at 2s");
        time.Advance(TimeSpan.FromMilliseconds(700));
        await Eventually.UntilAsync(() => source.Reads == 4, TimeSpan.FromSeconds(30), "the sample half an interval after the load's second boundary");
        await stop.CancelAsync();
        await running;

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(2_700)], ticks);
        var second = target.Samples[1];
        Assert.Equal((200, 370L, 15L, 15L, 40.0), (second.SentPerSecond, second.Ok, second.TimedOut, second.Errors, second.P99Ms));
        Assert.Equal(0, target.Samples[2].Ok); // each tick is counted once
    }
}
