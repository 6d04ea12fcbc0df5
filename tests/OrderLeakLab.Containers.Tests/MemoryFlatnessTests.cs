namespace OrderLeakLab.Containers.Tests;

/// <summary>The post-GC floor rule on working-set series shaped like the ones measured in the compose runs here.</summary>
public class MemoryFlatnessTests
{
    [Fact]
    public void Judge_GcSawtoothWithSteadyFloors_Flat()
    {
        // Compose run 2 here: 139 MiB at the warm-up GC, floor 103.8, climb to 135.6, floor 97.5 (a raw-sample line said +32.5%).
        var flatness = MemoryFlatness.Judge(Series((46, 139), (53, 139), (60, 120), (66, 106), (72, 103.8), (83, 113), (101, 126), (121, 135.6), (131, 137), (141, 110), (151, 97.5), (155, 97.7)));

        Assert.NotNull(flatness);
        Assert.Equal([103.8, 97.5], flatness.Floors.Select(f => Math.Round(f.Bytes / 1048576.0, 1)));
        Assert.False(flatness.Grows);
    }

    [Fact]
    public void Judge_SawtoothWhoseFloorsRise_Grows()
    {
        // The same teeth on a floor that rises 0.5 MiB/s: each full GC gives back less than the climb added.
        var flatness = MemoryFlatness.Judge(Series((0, 140), (10, 100), (40, 115), (80, 140), (90, 142), (100, 145), (110, 148), (120, 150), (130, 150), (140, 128)));

        Assert.NotNull(flatness);
        Assert.True(flatness.Grows, flatness.ToString());
    }

    [Fact]
    public void Judge_OneDropOnly_CannotJudge()
    {
        var samples = Series((0, 139), (10, 104), (40, 120), (70, 135));

        Assert.Equal(1, MemoryFlatness.Drops(samples));
        Assert.Null(MemoryFlatness.Judge(samples));
    }

    [Fact]
    public void Drops_OneGcGivingBackOverSeveralSamplesWithASmallRise_CountsOnce()
    {
        var samples = Series((0, 140), (2, 125), (4, 127), (6, 110), (8, 104), (10, 106), (20, 112));

        Assert.Equal(1, MemoryFlatness.Drops(samples));
    }

    [Fact]
    public void Drops_SteadyClimbToTheLimit_None()
    {
        Assert.Equal(0, MemoryFlatness.Drops(Series((0, 60), (10, 90), (20, 121), (30, 150), (40, 180), (50, 212), (60, 240))));
    }

    private static List<(TimeSpan At, long Bytes)> Series(params (double Seconds, double Mib)[] points) =>
        points.Select(p => (TimeSpan.FromSeconds(p.Seconds), (long)(p.Mib * 1048576))).ToList();
}
