using OrderLeakLab.Load.Requests;
using OrderLeakLab.Load.Scenarios;
using OrderLeakLab.Load.Simulations;
using OrderLeakLab.Scenarios;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// LoadPlan is what a run sends to each target on its open-model timetable: the order scenario
/// (<c>POST /orders</c> with generated orders, the default) or a request mix given on the command line.
/// </summary>
public abstract record LoadPlan
{
    /// <summary>The order scenario (DESIGN §4): what <c>demo</c> sends, and <c>soak</c> when no request option is given.</summary>
    public static LoadPlan Orders { get; } = new OrderLoadPlan();

    /// <summary>A request mix (<c>--request</c>, <c>--header</c>, <c>--body</c>, <c>--targets</c>), picked per arrival from its seed.</summary>
    public static LoadPlan Requests(RequestMix mix) => new MixLoadPlan(mix);

    /// <summary>A few words for the log and the report, e.g. <c>POST /orders (generated orders)</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Creates the scenario that plays <paramref name="timetable"/> against <paramref name="baseUrl"/>; it owns (and disposes) its HTTP client.</summary>
    public abstract Scenario CreateScenario(string name, Uri baseUrl, double rate, TimeSpan duration, IReadOnlyList<LoadSimulation> timetable);

    private sealed record MixLoadPlan(RequestMix Mix) : LoadPlan
    {
        public override string Description => $"request mix {Mix} (seed {Mix.Seed})";

        public override Scenario CreateScenario(string name, Uri baseUrl, double rate, TimeSpan duration, IReadOnlyList<LoadSimulation> timetable) =>
            RequestMixScenario.Create(name, baseUrl, Mix, timetable);
    }

    private sealed record OrderLoadPlan : LoadPlan
    {
        public override string Description => "POST /orders (generated orders)";

        public override Scenario CreateScenario(string name, Uri baseUrl, double rate, TimeSpan duration, IReadOnlyList<LoadSimulation> timetable) =>
            OrderScenario.Create(name, baseUrl, new OrderScenarioOptions { Rate = rate, Duration = duration, Simulations = timetable });
    }
}
