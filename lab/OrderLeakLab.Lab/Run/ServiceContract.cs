using System.Globalization;
using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// ServiceContract is what the order service promises its callers (DESIGN §4): each order's work takes a uniformly
/// random time in [<see cref="WorkMin"/>, <see cref="WorkMax"/>] and the handler gives up at <see cref="Deadline"/>
/// with a 504. So a share of 504s is by design — P(work &gt; deadline) — and the report says so beside the measured
/// share, lest 60% of 504s from the fixed variant read like a failure.
/// </summary>
/// <param name="WorkMin"><c>Orders__WorkMin</c>, default 300 ms.</param>
/// <param name="WorkMax"><c>Orders__WorkMax</c>, default 800 ms.</param>
/// <param name="Deadline"><c>Orders__Deadline</c>, default 500 ms.</param>
public sealed record ServiceContract(TimeSpan WorkMin, TimeSpan WorkMax, TimeSpan Deadline)
{
    /// <summary>The service's defaults (DESIGN §4).</summary>
    public static ServiceContract Default { get; } = new(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(500));

    /// <summary>The share of orders whose work outlasts the deadline: (max − deadline) / (max − min), within 0–1.</summary>
    public double Expected504Share => WorkMax <= WorkMin
        ? (WorkMin > Deadline ? 1 : 0)
        : Math.Clamp((WorkMax - Deadline) / (WorkMax - WorkMin), 0, 1);

    /// <summary>
    /// The contract the launched services will run with: the variables the lab's children inherit
    /// (<c>Orders__WorkMin</c>, <c>Orders__WorkMax</c>, <c>Orders__Deadline</c>, TimeSpans) over the defaults.
    /// </summary>
    public static ServiceContract FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        TimeSpan Get(string name, TimeSpan fallback) =>
            TimeSpan.TryParse(read(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
        return new(Get("Orders__WorkMin", Default.WorkMin), Get("Orders__WorkMax", Default.WorkMax), Get("Orders__Deadline", Default.Deadline));
    }

    /// <summary>The lines for the report: expected vs measured 504 share per target, and the fixed variant's p99 against the deadline.</summary>
    public IEnumerable<string> Describe(IReadOnlyList<TargetTimeline> timelines, RunPhases phases)
    {
        var loaded = timelines.Select(t => (t.Name, Samples: t.Samples.Where(s => s.Elapsed > phases.LoadStart && s.Elapsed <= phases.LoadEnd + TimeSpan.FromSeconds(1)).ToList())).ToList();
        var measured = loaded.Select(t => (t.Name, Answered: t.Samples.Sum(s => s.Ok + s.TimedOut + s.Errors), TimedOut: t.Samples.Sum(s => s.TimedOut)))
            .Where(t => t.Answered > 0)
            .Select(t => Invariant($"{t.Name} {(double)t.TimedOut / t.Answered:0%}"));
        yield return Invariant($"service contract: work {Ms(WorkMin)}–{Ms(WorkMax)} (uniform), deadline {Ms(Deadline)}: {Expected504Share:0%} of orders are expected to answer 504 by design (work outlasts the deadline); measured under load: {string.Join(", ", measured.DefaultIfEmpty("no requests"))}");
        if (loaded.FirstOrDefault(t => t.Name == "fixed") is { Samples.Count: > 0 } fixedVariant
            && fixedVariant.Samples.Select(s => s.P99Ms).OfType<double>().Order().ToList() is { Count: > 0 } p99)
        {
            var median = p99[p99.Count / 2];
            yield return Invariant($"fixed p99 under load {median:0} ms (median of per-second p99s, max {p99[^1]:0} ms) against the {Ms(Deadline)} deadline: {(median <= Deadline.TotalMilliseconds * 1.1 ? "the handler answers by its deadline" : "slower than the deadline allows")}");
        }
    }

    private static string Ms(TimeSpan t) => Invariant($"{t.TotalMilliseconds:0} ms");
}
