using System.Globalization;
using System.Text.Json;
using OrderLeakLab.Load.Running;
using OrderLeakLab.Load.Stats;

namespace OrderLeakLab.Load.Reports;

/// <summary>
/// JsonReport writes a result in a stable, versioned schema (<c>"schema": 1</c>; loadtests/README.md documents
/// every field). Field names never change within a schema version; new fields may be added.
/// Durations are seconds, latencies milliseconds, both as numbers.
/// </summary>
public static class JsonReport
{
    /// <summary>The schema version written in the <c>schema</c> field.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes <paramref name="result"/> as JSON to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Keeps "+00:00" and non-ASCII names readable; the report is a file, never embedded in HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteNumber("schema", SchemaVersion);
        json.WriteString("tool", "OrderLeakLab.Load");
        json.WriteString("startedAt", result.StartedAt.ToString("O", CultureInfo.InvariantCulture));
        json.WriteNumber("durationSeconds", Math.Round(result.Duration.TotalSeconds, 3));
        json.WriteBoolean("passed", result.Passed);
        json.WriteBoolean("cancelled", result.Cancelled);
        json.WriteStartArray("scenarios");
        foreach (var scenario in result.Scenarios)
        {
            WriteScenario(json, scenario);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The JSON text for <paramref name="result"/>.</summary>
    public static string Serialize(LoadResult result)
    {
        using var buffer = new MemoryStream();
        Write(buffer, result);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteScenario(Utf8JsonWriter json, ScenarioResult scenario)
    {
        json.WriteStartObject();
        json.WriteString("name", scenario.Name);
        json.WriteBoolean("passed", scenario.Passed);
        json.WriteBoolean("stopped", scenario.Stopped);
        json.WriteNumber("scheduled", scenario.ScheduledArrivals);
        json.WriteNumber("peakInFlight", scenario.PeakInFlight);
        if (scenario.PeakConnections is { } connections)
        {
            json.WriteNumber("peakConnections", connections);
        }
        else
        {
            json.WriteNull("peakConnections");
        }
        json.WritePropertyName("total");
        WriteSnapshot(json, scenario.Total);
        json.WriteStartArray("thresholds");
        foreach (var t in scenario.Thresholds)
        {
            json.WriteStartObject();
            json.WriteString("description", t.Description);
            json.WriteBoolean("passed", t.Passed);
            json.WriteNumber("finalValue", Round(t.FinalValue));
            json.WriteNumber("limit", t.Limit);
            json.WriteBoolean("failedAtEnd", t.FailedAtEnd);
            if (t.FirstFailedAt is { } at)
            {
                json.WriteNumber("firstFailedAtSeconds", Math.Round(at.TotalSeconds, 3));
            }
            else
            {
                json.WriteNull("firstFailedAtSeconds");
            }

            json.WriteNumber("failedChecks", t.FailedChecks);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("intervals");
        foreach (var interval in scenario.Intervals)
        {
            json.WriteStartObject();
            json.WriteNumber("index", interval.Index);
            json.WriteNumber("startSeconds", Math.Round(interval.Start.TotalSeconds, 3));
            json.WriteString("timestamp", interval.Timestamp.ToString("O", CultureInfo.InvariantCulture));
            json.WriteBoolean("final", interval.IsFinal);
            json.WriteNumber("inFlight", interval.InFlight);
            json.WritePropertyName("stats");
            WriteSnapshot(json, interval.Interval);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSnapshot(Utf8JsonWriter json, StatsSnapshot s)
    {
        json.WriteStartObject();
        json.WriteNumber("durationSeconds", Math.Round(s.Duration.TotalSeconds, 3));
        json.WriteNumber("sent", s.Sent);
        json.WriteNumber("completed", s.Completed);
        json.WriteNumber("ok", s.Ok);
        json.WriteNumber("fail", s.Fail);
        json.WriteNumber("timeouts", s.Timeouts);
        json.WriteNumber("connectionErrors", s.ConnectionErrors);
        json.WriteNumber("dropped", s.Dropped);
        json.WriteNumber("errors", s.Errors);
        json.WriteStartObject("statusCodes");
        foreach (var (code, count) in s.StatusCodes)
        {
            json.WriteNumber(code.ToString(CultureInfo.InvariantCulture), count);
        }

        json.WriteEndObject();
        json.WriteNumber("sentPerSecond", Round(s.SentPerSecond));
        json.WriteNumber("completedPerSecond", Round(s.CompletedPerSecond));
        json.WriteNumber("failPercent", Round(s.FailPercent));
        WriteLatency(json, "latencyMs", s.Latency);
        WriteLatency(json, "scheduleLagMs", s.ScheduleLag);
        json.WriteEndObject();
    }

    private static void WriteLatency(Utf8JsonWriter json, string name, LatencySummary l)
    {
        json.WriteStartObject(name);
        json.WriteNumber("p50", Round(l.P50));
        json.WriteNumber("p75", Round(l.P75));
        json.WriteNumber("p95", Round(l.P95));
        json.WriteNumber("p99", Round(l.P99));
        json.WriteNumber("max", Round(l.Max));
        json.WriteNumber("mean", Round(l.Mean));
        json.WriteEndObject();
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 3) : 0;
}
