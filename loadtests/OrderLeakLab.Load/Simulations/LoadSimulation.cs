namespace OrderLeakLab.Load.Simulations;

/// <summary>
/// LoadSimulation is one segment of a scenario's open-model timetable (NBomber-shaped).
/// Rates are "<c>Rate</c> arrivals per <c>Interval</c>"; arrivals never wait for earlier responses.
/// </summary>
public sealed record LoadSimulation
{
    private LoadSimulation(LoadSimulationKind kind, double rate, TimeSpan interval, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        if (!double.IsFinite(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Rate must be a finite number.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(during, TimeSpan.Zero);
        Kind = kind;
        Rate = rate;
        Interval = interval;
        During = during;
    }

    /// <summary>Which shape this segment has.</summary>
    public LoadSimulationKind Kind { get; }

    /// <summary>Arrivals per <see cref="Interval"/> (the target rate for a ramp); 0 for a pause.</summary>
    public double Rate { get; }

    /// <summary>The period <see cref="Rate"/> is counted over.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How long the segment lasts.</summary>
    public TimeSpan During { get; }

    /// <summary>The rate in arrivals per second.</summary>
    public double RatePerSecond => Rate / Interval.TotalSeconds;

    /// <summary>A constant rate: <paramref name="rate"/> arrivals every <paramref name="interval"/> for <paramref name="during"/>, evenly spaced.</summary>
    public static LoadSimulation Inject(double rate, TimeSpan interval, TimeSpan during) =>
        new(LoadSimulationKind.Inject, rate, interval, during);

    /// <summary>A rate rising (or falling) linearly from the previous segment's rate (0 at the start) to <paramref name="rate"/> per <paramref name="interval"/>.</summary>
    public static LoadSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during) =>
        new(LoadSimulationKind.RampingInject, rate, interval, during);

    /// <summary>No arrivals for <paramref name="during"/>; a following ramp starts from 0.</summary>
    public static LoadSimulation Pause(TimeSpan during) =>
        new(LoadSimulationKind.Pause, 0, TimeSpan.FromSeconds(1), during);
}
