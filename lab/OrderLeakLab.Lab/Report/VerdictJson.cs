using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// VerdictJson renders <c>verdict.json</c>, schema <c>orderleaklab.verdict.v1</c>: the header of
/// <see cref="TimeseriesJson"/>, <c>expectation</c> (null, or {<c>held</c>, <c>exitCode</c>, <c>checks</c>[] of
/// {<c>target</c>, <c>expected</c>, <c>actual</c>, <c>held</c>}}) and <c>targets</c>[] of {<c>name</c>,
/// <c>verdict</c> (leak|flat), <c>kinds</c>[], <c>restarts</c>, <c>exits</c>[], <c>memorySlopeBytesPerSecond</c>,
/// <c>workersSlopePerSecond</c>, <c>projectedTimeToLimitSeconds</c>, <c>limitBytes</c>, <c>baselineRssBytes</c>,
/// <c>cooldownRssBytes</c>, <c>baselineWorkers</c>, <c>cooldownWorkers</c>, <c>memoryBasis</c>
/// (<c>working set</c>|<c>RSS</c>: what the memory figures are), <c>timeToLimitBasis</c> (slope|observed|none),
/// <c>observedLifetimesSeconds</c>[] (lifetimes under load of incarnations that ended for memory),
/// <c>missingSamples</c> and <c>samples</c> (samples where /metrics did not answer, of all), <c>memoryBand</c> (null for a
/// target that restarted, else {<c>minBytes</c>, <c>maxBytes</c>, <c>medianBytes</c>, <c>deviationPercent</c>,
/// <c>warmUpSeconds</c>}: its memory under load after the warm-up), <c>evidence</c>[]}.
/// </summary>
internal static class VerdictJson
{
    public const string Schema = "orderleaklab.verdict.v1";

    public static string Render(RunReport report) => ReportJson.Serialize(new VerdictDocument(report));
}

/// <summary>The DTO of <c>verdict.json</c> (see <see cref="VerdictJson"/>).</summary>
internal sealed record VerdictDocument : ReportHeaderJson
{
    public VerdictDocument(RunReport report)
        : base(VerdictJson.Schema, report)
    {
        Expectation = report.Expectation is { } expectation ? ExpectationJson.From(expectation) : null;
        Targets = [.. report.Verdicts.Select(TargetVerdictJson.From)];
    }

    public ExpectationJson? Expectation { get; }

    public IReadOnlyList<TargetVerdictJson> Targets { get; }
}

/// <summary>The outcome of <c>--expect</c>.</summary>
internal sealed record ExpectationJson(bool Held, int ExitCode, IReadOnlyList<ExpectationCheckJson> Checks)
{
    public static ExpectationJson From(ExpectationResult result) =>
        new(result.Held, result.ExitCode, [.. result.Checks.Select(c => new ExpectationCheckJson(c.Target, c.Expected, c.Actual, c.Held))]);
}

/// <summary>One <c>NAME=leak|flat</c> of <c>--expect</c> and what the run found.</summary>
internal sealed record ExpectationCheckJson(string Target, string Expected, string? Actual, bool Held);

/// <summary>One target's verdict with the figures and evidence it rests on.</summary>
internal sealed record TargetVerdictJson(
    string Name,
    string Verdict,
    IReadOnlyList<string> Kinds,
    int Restarts,
    IReadOnlyList<ExitJson> Exits,
    double? MemorySlopeBytesPerSecond,
    double? WorkersSlopePerSecond,
    double? ProjectedTimeToLimitSeconds,
    long? LimitBytes,
    long? BaselineRssBytes,
    long? CooldownRssBytes,
    long? BaselineWorkers,
    long? CooldownWorkers,
    string MemoryBasis,
    string TimeToLimitBasis,
    IReadOnlyList<double> ObservedLifetimesSeconds,
    int MissingSamples,
    int Samples,
    MemoryBandJson? MemoryBand,
    IReadOnlyList<string> Evidence)
{
    public static TargetVerdictJson From(TargetVerdict v) => new(
        v.Name,
        v.OutcomeText,
        [.. v.Kinds.Select(kind => kind.ToString().ToLowerInvariant())],
        v.Restarts,
        [.. v.Exits.Select(ExitJson.From)],
        ReportJson.Round(v.MemorySlopeBytesPerSecond, 1),
        ReportJson.Round(v.WorkersSlopePerSecond, 3),
        ReportJson.Seconds(v.ProjectedTimeToLimit),
        v.LimitBytes,
        v.BaselineRssBytes,
        v.CooldownRssBytes,
        v.BaselineWorkers,
        v.CooldownWorkers,
        v.MemoryBasis,
        v.TimeToLimitBasis,
        [.. v.ObservedLifetimes.Select(lifetime => Math.Round(lifetime.TotalSeconds, 1))],
        v.MissingSamples,
        v.SampleCount,
        v.LoadBand is { } band ? new MemoryBandJson(band.MinBytes, band.MaxBytes, band.MedianBytes, Math.Round(band.DeviationPercent, 1), band.WarmUp.TotalSeconds) : null,
        v.Evidence);
}

/// <summary>A target's memory range under load after the warm-up (<see cref="MemoryBand"/>); absent for a target that restarted.</summary>
internal sealed record MemoryBandJson(long MinBytes, long MaxBytes, long MedianBytes, double DeviationPercent, double WarmUpSeconds);
