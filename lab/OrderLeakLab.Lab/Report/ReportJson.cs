using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// ReportJson serializes the two JSON files of a report folder from their DTO records (<see cref="VerdictDocument"/>,
/// <see cref="TimeseriesDocument"/>) through source-generated metadata: indented UTF-8, camelCase names, nulls written
/// as null (a gap is "not known", never left out), non-ASCII and markup characters written as they are.
/// </summary>
internal static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as the file holds it, ending in a newline.</summary>
    public static string Serialize<T>(T document) =>
        JsonSerializer.Serialize(document, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T))) + "\n";

    /// <summary>A figure rounded to <paramref name="decimals"/>; null when unknown or not finite (NaN, ∞).</summary>
    public static double? Round(double? value, int decimals) =>
        value is { } v && double.IsFinite(v) ? Math.Round(v, decimals) : null;

    /// <summary>Seconds to the millisecond, as every time field is written.</summary>
    public static double? Seconds(TimeSpan? value) => Round(value?.TotalSeconds, 3);

}

/// <summary>
/// The header both files open with: <c>schema</c>, <c>title</c>, <c>leaklabVersion</c>, <c>startedAt</c> (ISO 8601),
/// <c>partial</c> (null, or why the run ended early) and <c>phases</c>. Ordered before a document's own fields.
/// </summary>
internal abstract record ReportHeaderJson
{
    protected ReportHeaderJson(string schema, RunReport report)
    {
        Schema = schema;
        Title = report.Title;
        StartedAt = report.StartedAt;
        Partial = report.Partial;
        Phases = PhasesJson.From(report.Phases);
    }

    [JsonPropertyOrder(-1)]
    public string Schema { get; }

    [JsonPropertyOrder(-1)]
    public string Title { get; }

    [JsonPropertyOrder(-1)]
    public string LeaklabVersion { get; } = LabVersion.Text;

    [JsonPropertyOrder(-1)]
    public DateTimeOffset StartedAt { get; }

    [JsonPropertyOrder(-1)]
    public string? Partial { get; }

    [JsonPropertyOrder(-1)]
    public PhasesJson Phases { get; }
}

/// <summary>The phases of the run, in seconds since its start.</summary>
internal sealed record PhasesJson(double? LoadStartSeconds, double? LoadEndSeconds, double? EndSeconds)
{
    public static PhasesJson From(RunPhases phases) =>
        new(ReportJson.Seconds(phases.LoadStart), ReportJson.Seconds(phases.LoadEnd), ReportJson.Seconds(phases.End));
}

/// <summary>One exit of a target: when (<c>t</c>), why, its code, the evidence and how long it had run.</summary>
internal sealed record ExitJson(
    [property: JsonPropertyName("t")] double? Seconds,
    string Reason,
    int? ExitCode,
    string Detail,
    double? UptimeSeconds)
{
    public static ExitJson From(ExitRecord exit) =>
        new(ReportJson.Seconds(exit.Elapsed), exit.Reason.Text(), exit.ExitCode, exit.Detail, ReportJson.Seconds(exit.Uptime));
}

/// <summary>Source-generated serialization metadata for the report's JSON files.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(VerdictDocument))]
[JsonSerializable(typeof(TimeseriesDocument))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
