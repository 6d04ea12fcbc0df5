namespace OrderLeakLab.Load.Simulations;

/// <summary>
/// ArrivalSchedule turns simulations into a timetable computed from the start time, so the schedule cannot
/// drift and a slow target cannot slow it down (no coordinated omission).
/// The cumulative expected count N(t) integrates the rate; arrival k (0-based) is due when N(t) reaches k + 1,
/// so a segment of r/s for d seconds holds exactly r·d arrivals, the last one at its end.
/// </summary>
public sealed class ArrivalSchedule
{
    // Guards against N(t) landing a hair below an integer because of floating point.
    private const double Epsilon = 1e-7;
    private readonly Segment[] _segments;

    /// <summary>Builds the timetable for <paramref name="simulations"/>, played in order.</summary>
    public ArrivalSchedule(IEnumerable<LoadSimulation> simulations)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        var segments = new List<Segment>();
        double start = 0, before = 0, previousRate = 0;
        foreach (var simulation in simulations)
        {
            var seconds = simulation.During.TotalSeconds;
            var endRate = simulation.RatePerSecond;
            var startRate = simulation.Kind == LoadSimulationKind.RampingInject ? previousRate : endRate;
            var count = (startRate + endRate) / 2 * seconds;
            segments.Add(new Segment(start, seconds, startRate, endRate, before));
            start += seconds;
            before += count;
            previousRate = endRate;
        }

        _segments = [.. segments];
        Duration = TimeSpan.FromSeconds(start);
        TotalArrivals = (long)Math.Floor(before + Epsilon);
    }

    /// <summary>How long the whole timetable lasts.</summary>
    public TimeSpan Duration { get; }

    /// <summary>How many arrivals the timetable holds.</summary>
    public long TotalArrivals { get; }

    /// <summary>How many arrivals are due at or before <paramref name="elapsed"/> since the start.</summary>
    public long DueBy(TimeSpan elapsed)
    {
        var t = elapsed.TotalSeconds;
        if (t <= 0)
        {
            return 0;
        }

        return Math.Min(TotalArrivals, (long)Math.Floor(ExpectedBy(t) + Epsilon));
    }

    /// <summary>When arrival <paramref name="index"/> (0-based) is due, as an offset from the start.</summary>
    public TimeSpan DueAt(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, TotalArrivals);
        double target = index + 1;
        foreach (var s in _segments)
        {
            var after = s.Before + s.Count;
            if (target > after + Epsilon)
            {
                continue;
            }

            return RoundUp(s.Start + s.TimeToReach(target - s.Before));
        }

        return Duration;
    }

    // Rounds up to the next tick so that the arrival is really due at the returned time.
    private static TimeSpan RoundUp(double seconds) =>
        TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond - 1e-3));

    private double ExpectedBy(double t)
    {
        double total = 0;
        foreach (var s in _segments)
        {
            if (t <= s.Start)
            {
                break;
            }

            total = s.Before + s.CountBy(Math.Min(t - s.Start, s.Seconds));
        }

        return total;
    }

    private readonly record struct Segment(double Start, double Seconds, double StartRate, double EndRate, double Before)
    {
        private double Slope => (EndRate - StartRate) / Seconds;

        public double Count => (StartRate + EndRate) / 2 * Seconds;

        public double CountBy(double t) => StartRate * t + Slope * t * t / 2;

        // Solves CountBy(t) = n for t in [0, Seconds].
        public double TimeToReach(double n)
        {
            if (Math.Abs(Slope) < 1e-12)
            {
                return StartRate <= 0 ? Seconds : Math.Min(Seconds, n / StartRate);
            }

            var discriminant = Math.Max(0, StartRate * StartRate + 2 * Slope * n);
            var t = (-StartRate + Math.Sqrt(discriminant)) / Slope;
            return Math.Clamp(t, 0, Seconds);
        }
    }
}
