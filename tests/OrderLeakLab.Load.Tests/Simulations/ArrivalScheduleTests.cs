using OrderLeakLab.Load.Simulations;

namespace OrderLeakLab.Load.Tests.Simulations;

public class ArrivalScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Inject_ConstantRate_HoldsRateTimesDurationEvenlySpaced()
    {
        var schedule = new ArrivalSchedule([LoadSimulation.Inject(1000, Second, TimeSpan.FromSeconds(60))]);

        Assert.Equal(60_000, schedule.TotalArrivals);
        Assert.Equal(TimeSpan.FromSeconds(60), schedule.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(1), schedule.DueAt(0));
        Assert.Equal(TimeSpan.FromSeconds(60), schedule.DueAt(59_999));
        Assert.Equal(1000, schedule.DueBy(Second));
        Assert.Equal(30_000, schedule.DueBy(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, schedule.DueBy(TimeSpan.FromTicks(9_999)));
    }

    [Fact]
    public void Inject_RatePerLongerInterval_ConvertsToPerSecond()
    {
        var schedule = new ArrivalSchedule([LoadSimulation.Inject(100, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10))]);

        Assert.Equal(500, schedule.TotalArrivals);
        Assert.Equal(TimeSpan.FromMilliseconds(20), schedule.DueAt(0));
    }

    [Fact]
    public void DueAtAndDueBy_EveryArrival_AreInverses()
    {
        var schedule = new ArrivalSchedule([
            LoadSimulation.RampingInject(300, Second, TimeSpan.FromSeconds(3)),
            LoadSimulation.Inject(300, Second, TimeSpan.FromSeconds(2)),
            LoadSimulation.RampingInject(50, Second, TimeSpan.FromSeconds(2)),
        ]);

        for (long k = 0; k < schedule.TotalArrivals; k++)
        {
            var at = schedule.DueAt(k);
            Assert.True(schedule.DueBy(at) >= k + 1, $"arrival {k} at {at} not due by then");
            Assert.True(schedule.DueBy(at - TimeSpan.FromTicks(20)) <= k, $"arrival {k} due before {at}");
        }
    }

    [Fact]
    public void RampingInject_FromZero_FollowsTheIntegralOfALinearRate()
    {
        // Rate rises 0 → 100/s over 10 s: N(t) = 5·t², 500 in all, 125 by t = 5 s.
        var schedule = new ArrivalSchedule([LoadSimulation.RampingInject(100, Second, TimeSpan.FromSeconds(10))]);

        Assert.Equal(500, schedule.TotalArrivals);
        Assert.Equal(125, schedule.DueBy(TimeSpan.FromSeconds(5)));
        Assert.Equal(5, schedule.DueBy(Second));
    }

    [Fact]
    public void RampingInject_Down_StartsFromThePreviousRate()
    {
        // 100/s for 2 s (200), then 100 → 0 over 2 s (100).
        var schedule = new ArrivalSchedule([
            LoadSimulation.Inject(100, Second, TimeSpan.FromSeconds(2)),
            LoadSimulation.RampingInject(0, Second, TimeSpan.FromSeconds(2)),
        ]);

        Assert.Equal(300, schedule.TotalArrivals);
        Assert.Equal(200 + 75, schedule.DueBy(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Pause_BetweenInjects_SendsNothingAndRampRestartsFromZero()
    {
        var schedule = new ArrivalSchedule([
            LoadSimulation.Pause(TimeSpan.FromSeconds(2)),
            LoadSimulation.Inject(10, Second, TimeSpan.FromSeconds(1)),
            LoadSimulation.Pause(TimeSpan.FromSeconds(1)),
            LoadSimulation.RampingInject(20, Second, TimeSpan.FromSeconds(1)),
        ]);

        Assert.Equal(0, schedule.DueBy(TimeSpan.FromSeconds(2)));
        Assert.Equal(10, schedule.DueBy(TimeSpan.FromSeconds(3.5)));
        Assert.Equal(20, schedule.TotalArrivals);
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Duration);
        Assert.True(schedule.DueAt(10) > TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void LoadSimulation_NonPositiveDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.Inject(10, Second, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.Inject(-1, Second, Second));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadSimulation.Inject(double.NaN, Second, Second));
    }
}
