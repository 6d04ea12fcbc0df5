using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// TimeseriesJson renders <c>timeseries.json</c>, schema <c>orderleaklab.timeseries.v1</c> (stable: fields are
/// only ever added). Top level: <c>schema</c>, <c>title</c>, <c>startedAt</c> (ISO 8601), <c>partial</c>
/// (null, or why the run ended early), <c>phases</c> {<c>loadStartSeconds</c>, <c>loadEndSeconds</c>,
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

    public static string Render(RunReport report) => JsonWriting.Write(writer =>
    {
        writer.WriteStartObject();
        writer.Header(Schema, report);
        writer.WriteStartArray("targets");
        foreach (var timeline in report.Timelines)
        {
            writer.WriteStartObject();
            writer.WriteString("name", timeline.Name);
            writer.Number("limitBytes", timeline.LimitBytes);
            writer.WriteStartArray("samples");
            foreach (var sample in timeline.Samples)
            {
                writer.WriteStartObject();
                writer.Seconds("t", sample.Elapsed);
                writer.WriteBoolean("up", sample.Up);
                writer.Number("rssBytes", sample.RssBytes);
                writer.Number("limitBytes", sample.LimitBytes);
                writer.Number("workersInflight", sample.WorkersInflight);
                writer.Number("gcHeapBytes", sample.GcHeapBytes);
                writer.Number("threads", sample.Threads);
                writer.Number("sentPerSecond", sample.SentPerSecond, 1);
                writer.WriteNumber("ok", sample.Ok);
                writer.WriteNumber("timedOut", sample.TimedOut);
                writer.WriteNumber("errors", sample.Errors);
                writer.Number("p99Ms", sample.P99Ms, 1);
                writer.Number("workingSetBytes", sample.WorkingSetBytes);
                writer.Number("oomKills", sample.OomKills);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("exits");
            foreach (var exit in timeline.Exits)
            {
                writer.Exit(exit);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
