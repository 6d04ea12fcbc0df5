using OrderLeakLab.Inspect.Targets;
using OrderLeakLab.Inspect.Tests.Support;

namespace OrderLeakLab.Inspect.Tests.Targets;

/// <summary>The induced full GC against a real process that has never had a diagnostics session.</summary>
public class GcTriggerTests
{
    // Regression: the first EventPipe session in a process held the GC's events until it stopped, so
    // `inspect --heap` of a fresh console process waited out its 30 s and failed with "did not finish a full GC".
    [Fact]
    public async Task CollectAndMeasureAsync_FirstSessionInAFreshProcess_SeesTheGcEndAndTheHeap()
    {
        await using var target = await ParkedWorkersTarget.StartRetainingAsync("static", 2000);

        var (collected, heap) = await GcTrigger.CollectAndMeasureAsync(target.Pid, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(collected, "no end of a gen-2 GC was observed");
        Assert.NotNull(heap);
        Assert.True(heap.LiveBytes >= 2000 * 24, $"{heap.LiveBytes} bytes live after the GC: fewer than the 2,000 objects the target keeps");
        Assert.True(await GcTrigger.CollectAsync(target.Pid, TimeSpan.FromSeconds(30), CancellationToken.None), "the second GC, in a second session");
    }
}
