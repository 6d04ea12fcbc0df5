using OrderLeakLab.Load.Http;
using OrderLeakLab.Load.Simulations;
using OrderLeakLab.Load.Thresholds;

namespace OrderLeakLab.Scenarios;

/// <summary>Settings for <see cref="OrderScenario"/>: rate, duration, seed, HTTP stack, thresholds.</summary>
public sealed class OrderScenarioOptions
{
    /// <summary>Arrivals per second (open model). Default 1000; range (0, 100 000].</summary>
    public double Rate { get; init; } = 1000;

    /// <summary>How long to send. Default 60 s; range 1 ms – 24 h.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seed for the generated orders; the same seed posts the same orders in the same order. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Distinct pre-generated order bodies, cycled by arrival number (keeps CPU per request low). Default 4096; range 1 – 1 000 000.</summary>
    public int OrderPoolSize { get; init; } = 4096;

    /// <summary>Request path on the target. Default "/orders" (DESIGN §4).</summary>
    public string Path { get; init; } = "/orders";

    /// <summary>In-flight cap; arrivals beyond it are counted as dropped. Default 10 000; ≥ 1.</summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>Connection cap, timeouts and keep-alive for the scenario's own client (DESIGN §2).</summary>
    public LoadHttpOptions Http { get; init; } = new();

    /// <summary>Thresholds for the scenario. Default none.</summary>
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];

    /// <summary>A custom timetable replacing the constant <see cref="Rate"/> × <see cref="Duration"/>. Default null.</summary>
    public IReadOnlyList<LoadSimulation>? Simulations { get; init; }

    /// <summary>The timetable: <see cref="Simulations"/> if set, else Inject(<see cref="Rate"/>, 1 s, <see cref="Duration"/>).</summary>
    public IReadOnlyList<LoadSimulation> Timetable =>
        Simulations ?? [LoadSimulation.Inject(Rate, TimeSpan.FromSeconds(1), Duration)];

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> with an actionable message when a value is out of range.</summary>
    public void Validate()
    {
        if (!(Rate > 0 && Rate <= 100_000))
        {
            throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "Rate must be above 0 and at most 100000 requests/s.");
        }

        if (Duration < TimeSpan.FromMilliseconds(1) || Duration > TimeSpan.FromHours(24))
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "Duration must be between 1 ms and 24 h.");
        }

        if (OrderPoolSize is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(OrderPoolSize), OrderPoolSize, "OrderPoolSize must be between 1 and 1000000.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlight, 1);
        if (!Path.StartsWith('/'))
        {
            throw new ArgumentException($"Path must start with '/', got '{Path}'.", nameof(Path));
        }

        Http.Validate();
    }
}
