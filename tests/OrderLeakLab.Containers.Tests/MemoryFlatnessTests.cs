namespace OrderLeakLab.Containers.Tests;

/// <summary>The forced-GC floor rule on series shaped like the ones measured in the container runs here.</summary>
public class MemoryFlatnessTests
{
    [Fact]
    public void Judge_HeapReturnedAndWorkingSetFloorsLevel_Flat()
    {
        // A healthy service: ~280 orders in flight, a few MiB of heap after each forced GC, working set back to ~85 MiB.
        var flatness = MemoryFlatness.Judge(Floors((45, 3.1, 86.0), (70, 3.4, 88.5), (95, 2.9, 84.9), (120, 3.2, 87.2)));

        Assert.NotNull(flatness);
        Assert.False(flatness.Grows, flatness.ToString());
        Assert.True(flatness.WorkingSetBand < 0.05);
    }

    [Fact]
    public void Judge_HeapKeepsWhatTheLoadAdded_Grows()
    {
        // Parked workers: the heap after a forced GC climbs 4 → 60 MiB while the working set's floors climb with it.
        var flatness = MemoryFlatness.Judge(Floors((30, 4, 80), (55, 22, 110), (80, 41, 140), (105, 60, 170)));

        Assert.NotNull(flatness);
        Assert.True(flatness.Grows, flatness.ToString());
        Assert.True(flatness.WorkingSetGrows, flatness.ToString());
    }

    [Fact]
    public void Judge_WorkingSetFloorsRiseWhileTheHeapReturns_FlatAndSaysTheRuntimeKeptIt()
    {
        // The Testcontainers run here: the heap back at ~10 MiB after every forced GC, the working set's floors 80 → 110 MiB.
        var flatness = MemoryFlatness.Judge(Floors((30, 5.3, 80.3), (55, 10.6, 98.8), (81, 10.4, 109.9), (106, 9.3, 110.1)));

        Assert.NotNull(flatness);
        Assert.True(flatness.WorkingSetGrows);
        Assert.False(flatness.Grows, flatness.ToString());
        Assert.Contains("working set kept by the runtime, heap returned", flatness.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OneNoisyFloor_TheLineThroughTheOthersDecides()
    {
        // A floor read while the GC had not yet given its free regions back (+18 MiB) does not tilt the Theil–Sen line.
        var flatness = MemoryFlatness.Judge(Floors((30, 3, 86), (55, 3, 104), (80, 3, 87), (105, 3, 86.5)));

        Assert.NotNull(flatness);
        Assert.False(flatness.WorkingSetGrows, flatness.ToString());
    }

    [Fact]
    public void Judge_TooFewFloors_CannotJudge()
    {
        Assert.Null(MemoryFlatness.Judge(Floors((30, 3, 86), (55, 3, 88), (80, 3, 87))));
    }

    private static List<GcFloor> Floors(params (double Seconds, double HeapMib, double WorkingSetMib)[] floors) =>
        floors.Select(f => new GcFloor(TimeSpan.FromSeconds(f.Seconds), (long)(f.HeapMib * 1048576), (long)(f.WorkingSetMib * 1048576))).ToList();
}
