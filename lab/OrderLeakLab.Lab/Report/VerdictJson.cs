using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// VerdictJson renders <c>verdict.json</c>, schema <c>orderleaklab.verdict.v1</c>: the header of
/// <see cref="TimeseriesJson"/>, <c>expectation</c> (null, or {<c>held</c>, <c>exitCode</c>, <c>checks</c>[] of
/// {<c>target</c>, <c>expected</c>, <c>actual</c>, <c>held</c>}}) and <c>targets</c>[] of {<c>name</c>,
/// <c>verdict</c> (leak|flat), <c>restarts</c>, <c>exits</c>[], <c>memorySlopeBytesPerSecond</c>,
/// <c>workersSlopePerSecond</c>, <c>projectedTimeToLimitSeconds</c>, <c>limitBytes</c>, <c>baselineRssBytes</c>,
/// <c>cooldownRssBytes</c>, <c>baselineWorkers</c>, <c>cooldownWorkers</c>, <c>evidence</c>[], <c>memoryBasis</c>
/// (<c>working set</c>|<c>RSS</c>: what the memory figures are), <c>timeToLimitBasis</c> (slope|observed|none),
/// <c>observedLifetimesSeconds</c>[] (lifetimes under load of incarnations that ended for memory),
/// <c>missingSamples</c> and <c>samples</c> (samples where /metrics did not answer, of all), <c>memoryBand</c> (null for a
/// target that restarted, else {<c>minBytes</c>, <c>maxBytes</c>, <c>medianBytes</c>, <c>deviationPercent</c>,
/// <c>warmUpSeconds</c>}: its memory under load after the warm-up)}.
/// </summary>
internal static class VerdictJson
{
    public const string Schema = "orderleaklab.verdict.v1";

    public static string Render(RunReport report) => JsonWriting.Write(writer =>
    {
        writer.WriteStartObject();
        writer.Header(Schema, report);
        if (report.Expectation is { } expectation)
        {
            writer.WriteStartObject("expectation");
            writer.WriteBoolean("held", expectation.Held);
            writer.WriteNumber("exitCode", expectation.ExitCode);
            writer.WriteStartArray("checks");
            foreach (var check in expectation.Checks)
            {
                writer.WriteStartObject();
                writer.WriteString("target", check.Target);
                writer.WriteString("expected", check.Expected);
                writer.WriteString("actual", check.Actual);
                writer.WriteBoolean("held", check.Held);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("expectation");
        }

        writer.WriteStartArray("targets");
        foreach (var verdict in report.Verdicts)
        {
            writer.WriteStartObject();
            writer.WriteString("name", verdict.Name);
            writer.WriteString("verdict", verdict.OutcomeText);
            writer.WriteStartArray("kinds");
            foreach (var kind in verdict.Kinds)
            {
                writer.WriteStringValue(kind.ToString().ToLowerInvariant());
            }

            writer.WriteEndArray();
            writer.WriteNumber("restarts", verdict.Restarts);
            writer.WriteStartArray("exits");
            foreach (var exit in verdict.Exits)
            {
                writer.Exit(exit);
            }

            writer.WriteEndArray();
            writer.Number("memorySlopeBytesPerSecond", verdict.MemorySlopeBytesPerSecond, 1);
            writer.Number("workersSlopePerSecond", verdict.WorkersSlopePerSecond, 3);
            writer.Seconds("projectedTimeToLimitSeconds", verdict.ProjectedTimeToLimit);
            writer.Number("limitBytes", verdict.LimitBytes);
            writer.Number("baselineRssBytes", verdict.BaselineRssBytes);
            writer.Number("cooldownRssBytes", verdict.CooldownRssBytes);
            writer.Number("baselineWorkers", verdict.BaselineWorkers);
            writer.Number("cooldownWorkers", verdict.CooldownWorkers);
            writer.WriteString("memoryBasis", verdict.MemoryBasis);
            writer.WriteString("timeToLimitBasis", verdict.TimeToLimitBasis);
            writer.WriteStartArray("observedLifetimesSeconds");
            foreach (var lifetime in verdict.ObservedLifetimes)
            {
                writer.WriteNumberValue(Math.Round(lifetime.TotalSeconds, 1));
            }

            writer.WriteEndArray();
            writer.WriteNumber("missingSamples", verdict.MissingSamples);
            writer.WriteNumber("samples", verdict.SampleCount);
            if (verdict.LoadBand is { } band)
            {
                writer.WriteStartObject("memoryBand");
                writer.WriteNumber("minBytes", band.MinBytes);
                writer.WriteNumber("maxBytes", band.MaxBytes);
                writer.WriteNumber("medianBytes", band.MedianBytes);
                writer.WriteNumber("deviationPercent", Math.Round(band.DeviationPercent, 1));
                writer.WriteNumber("warmUpSeconds", band.WarmUp.TotalSeconds);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("memoryBand");
            }

            writer.WriteStartArray("evidence");
            foreach (var line in verdict.Evidence)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
