using OrderLeakLab.Lab.Run;

namespace OrderLeakLab.Lab.Tests.Run;

public class SampleScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Next_BeforeLoad_EveryIntervalFromTheStart()
    {
        var schedule = new SampleSchedule(Second);

        Assert.Equal(TimeSpan.Zero, schedule.Next(TimeSpan.Zero));
        Assert.Equal(Second, schedule.Next(TimeSpan.Zero)); // a tick taken at once is not taken twice
        Assert.Equal(2 * Second, schedule.Next(TimeSpan.FromMilliseconds(1003)));
    }

    [Fact]
    public void Next_AfterAlignToLoadStart_HalfAnIntervalAfterEachEngineBoundary()
    {
        var schedule = new SampleSchedule(Second);
        schedule.Next(TimeSpan.FromSeconds(12));

        schedule.AlignTo(TimeSpan.FromMilliseconds(12_300));

        Assert.Equal(TimeSpan.FromMilliseconds(12_800), schedule.Next(TimeSpan.FromMilliseconds(12_310)));
        Assert.Equal(TimeSpan.FromMilliseconds(13_800), schedule.Next(TimeSpan.FromMilliseconds(12_805)));
    }

    [Fact]
    public void Next_SlowSampleMissedTicks_SkipsToTheNextDueInsteadOfCatchingUp()
    {
        var schedule = new SampleSchedule(Second);
        schedule.Next(TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(4), schedule.Next(TimeSpan.FromMilliseconds(3_500)));
    }
}
