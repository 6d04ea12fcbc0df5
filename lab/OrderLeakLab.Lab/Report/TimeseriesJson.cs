using System.Text.Json.Serialization;
using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// TimeseriesJson renders <c>timeseries.json</c>, schema <c>orderleaklab.timeseries.v1</c> (stable: fields are
/// only ever added). Top level: <c>schema</c>, <c>title</c>, <c>leaklabVersion</c>, <c>startedAt</c> (ISO 8601),
/// <c>partial</c> (null, or why the run ended early), <c>phases</c> {<c>loadStartSeconds</c>, <c>loadEndSeconds</c>,
/// <c>endSeconds</c>}, <c>targets</c>[]. Each target: <c>name</c>, <c>limitBytes</c>, <c>samples</c>[] of
/// {<c>t</c> (seconds since start), <c>up</c>, <c>rssBytes</c>, <c>limitBytes</c>, <c>workersInflight</c>,
/// <c>gcHeapBytes</c>, <c>threads</c>, <c>sentPerSecond</c>, <c>ok</c>, <c>timedOut</c>, <c>errors</c>,
/// <c>p99Ms</c>, <c>workingSetBytes</c> (the cgroup's usage minus inactive file pages), <c>oomKills</c> (the cgroup's
/// counter)} (null = not known that tick; <c>up</c> false = a missing sample), and <c>exits</c>[] of {<c>t</c>, <c>reason</c>
/// (OOMKilled|OutOfMemoryException|Watchdog|Crash|Stopped), <c>exitCode</c>, <c>detail</c>, <c>uptimeSeconds</c>}.
/// </summary>
internal static class TimeseriesJson
{
    public const string Schema = "orderleaklab.timeseries.v1";

    public static string Render(RunReport report) => ReportJson.Serialize(new TimeseriesDocument(report));
}

/// <summary>The DTO of <c>timeseries.json</c> (see <see cref="TimeseriesJson"/>).</summary>
internal sealed record TimeseriesDocument : ReportHeaderJson
{
    public TimeseriesDocument(RunReport report)
        : base(TimeseriesJson.Schema, report) =>
        Targets = [.. report.Timelines.Select(TimelineJson.From)];

    public IReadOnlyList<TimelineJson> Targets { get; }
}

/// <summary>One target's samples and exits.</summary>
internal sealed record TimelineJson(string Name, long? LimitBytes, IReadOnlyList<SampleJson> Samples, IReadOnlyList<ExitJson> Exits)
{
    public static TimelineJson From(TargetTimeline timeline) =>
        new(timeline.Name, timeline.LimitBytes, [.. timeline.Samples.Select(SampleJson.From)], [.. timeline.Exits.Select(ExitJson.From)]);
}

/// <summary>One sampling tick of one target; null is "not known that tick".</summary>
internal sealed record SampleJson(
    [property: JsonPropertyName("t")] double? Seconds,
    bool Up,
    long? RssBytes,
    long? LimitBytes,
    long? WorkersInflight,
    long? GcHeapBytes,
    long? Threads,
    double? SentPerSecond,
    long Ok,
    long TimedOut,
    long Errors,
    double? P99Ms,
    long? WorkingSetBytes,
    long? OomKills)
{
    public static SampleJson From(TargetSample s) => new(
        ReportJson.Seconds(s.Elapsed),
        s.Up,
        s.RssBytes,
        s.LimitBytes,
        s.WorkersInflight,
        s.GcHeapBytes,
        s.Threads,
        ReportJson.Round(s.SentPerSecond, 1),
        s.Ok,
        s.TimedOut,
        s.Errors,
        ReportJson.Round(s.P99Ms, 1),
        s.WorkingSetBytes,
        s.OomKills);
}
