using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Sampling;
using OrderLeakLab.Lab.Supervision;
using OrderLeakLab.Lab.Tests.Cgroups;
using OrderLeakLab.Lab.Tests.TestSupport;

namespace OrderLeakLab.Lab.Tests.Run;

/// <summary>A launched target in a real memory cgroup: the working set is read at every tick, whatever /metrics does.</summary>
public sealed class RunTargetTests
{
    private const long MiB = 1024 * 1024;

    /// <summary>A /metrics that does not answer until released (a stalled service).</summary>
    private sealed class StalledSource : ISampleSource
    {
        public TaskCompletionSource<MetricsReading> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Description => "stalled";

        public Task<MetricsReading> ReadAsync(CancellationToken cancellationToken) => Answer.Task;
    }

    [Fact]
    public async Task SampleAsync_MetricsStalled_EveryTickHasTheCgroupWorkingSetAndIsCountedMissing()
    {
        var cgroup = MemoryCgroupHostTests.OpenHost().Create("t" + Guid.NewGuid().ToString("n")[..6], "ws", 256 * MiB);
        var shm = $"/dev/shm/leaklab-rt-{Guid.NewGuid():n}";
        // 24 MiB in tmpfs, charged to the cgroup and not reclaimable: the working set cannot read below it.
        var spec = new LaunchSpec("/bin/sh", ["-c", $"dd if=/dev/zero of={shm} bs=1M count=24 2>/dev/null; exec sleep 300"], new Dictionary<string, string?>(), cgroup.ProcsFile);
        var supervisor = new Supervisor("ws", spec, cgroup, new SupervisorOptions(), TimeProvider.System);
        var source = new StalledSource();
        var target = new RunTarget(new TargetPlan("ws", new Uri("http://127.0.0.1:1/")), supervisor, source);
        using var stop = new CancellationTokenSource();
        var run = supervisor.RunAsync(stop.Token);
        try
        {
            await Eventually.UntilAsync(() => supervisor.Pid is not null && cgroup.ReadWorkingSetBytes() >= 24 * MiB, TimeSpan.FromSeconds(60), "the file charged to the cgroup");
            var first = target.SampleAsync(TimeSpan.FromSeconds(1), CancellationToken.None); // stalls on /metrics
            Assert.Null(await target.SampleAsync(TimeSpan.FromSeconds(2), CancellationToken.None));
            Assert.Null(await target.SampleAsync(TimeSpan.FromSeconds(3), CancellationToken.None));
            source.Answer.SetResult(MetricsReading.Down);
            await first;

            var samples = target.Samples;
            Assert.Equal([1.0, 2.0, 3.0], samples.Select(s => s.Elapsed.TotalSeconds));
            Assert.All(samples, s => Assert.False(s.Up));
            Assert.All(samples, s => Assert.InRange(s.WorkingSetBytes!.Value, 24 * MiB, 256 * MiB));
            Assert.All(samples, s => Assert.Equal(0, s.OomKills));
            Assert.All(samples, s => Assert.NotNull(s.RssBytes)); // the process lives: RSS from /proc
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            await MemoryCgroupHost.RemoveAsync(cgroup.Path, TimeSpan.FromSeconds(10));
            File.Delete(shm);
        }
    }
}
