using OrderLeakLab.Inspect.Sampling;
using OrderLeakLab.Inspect.Tests.Support;

namespace OrderLeakLab.Inspect.Tests.Sampling;

public class PidSamplerTests
{
    [Fact]
    public async Task StartAsync_DotNetProcess_SamplesProcAndRuntimeCounters()
    {
        await using var target = await ParkedWorkersTarget.StartAsync(workers: 100);
        await using var sampler = await PidSampler.StartAsync(target.Pid, TimeSpan.FromSeconds(1), CancellationToken.None);

        await Eventually.UntilAsync(() => sampler.Latest is { GcHeapBytes: not null, ThreadPoolThreads: not null, Timers: not null }, TimeSpan.FromMinutes(2), "runtime counters");

        var sample = sampler.Latest!;
        Assert.True(sample.Alive);
        Assert.InRange(sample.RssBytes!.Value, 10L << 20, 4L << 30);
        Assert.InRange(sample.Threads!.Value, 3, 1000);
        Assert.InRange(sample.GcHeapBytes!.Value, 0, 1L << 30);
    }

    [Fact]
    public async Task Sampled_ProcessExits_LastSampleNotAlive()
    {
        var target = await ParkedWorkersTarget.StartAsync(workers: 10);
        await using var sampler = await PidSampler.StartAsync(target.Pid, TimeSpan.FromMilliseconds(200), CancellationToken.None);
        await Eventually.UntilAsync(() => sampler.Latest is not null, TimeSpan.FromMinutes(2), "first sample");

        await target.DisposeAsync();

        await Eventually.UntilAsync(() => sampler.Latest is { Alive: false }, TimeSpan.FromMinutes(2), "a not-alive sample");
    }

    [Fact]
    public async Task StartAsync_NonDotNetProcess_ThrowsInspectionException()
    {
        using var sleep = new SleepProcess();

        await Assert.ThrowsAsync<InspectionException>(() => PidSampler.StartAsync(sleep.Pid, TimeSpan.FromSeconds(1), CancellationToken.None));
    }
}
