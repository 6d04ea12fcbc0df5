using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Report;

/// <summary>Shared pieces of the two JSON files: indented UTF-8, nulls written as null, seconds as numbers.</summary>
internal static class JsonWriting
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static void Number(this Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Number(this Utf8JsonWriter writer, string name, double? value, int decimals = 3)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, Math.Round(v, decimals));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Seconds(this Utf8JsonWriter writer, string name, TimeSpan? value) =>
        writer.Number(name, value?.TotalSeconds, 3);

    public static void Header(this Utf8JsonWriter writer, string schema, RunReport report)
    {
        writer.WriteString("schema", schema);
        writer.WriteString("title", report.Title);
        writer.WriteString("leaklabVersion", LabVersion.Text);
        writer.WriteString("startedAt", report.StartedAt);
        writer.WriteString("partial", report.Partial);
        writer.WriteStartObject("phases");
        writer.Seconds("loadStartSeconds", report.Phases.LoadStart);
        writer.Seconds("loadEndSeconds", report.Phases.LoadEnd);
        writer.Seconds("endSeconds", report.Phases.End);
        writer.WriteEndObject();
    }

    public static void Exit(this Utf8JsonWriter writer, ExitRecord exit)
    {
        writer.WriteStartObject();
        writer.Seconds("t", exit.Elapsed);
        writer.WriteString("reason", ReasonText(exit.Reason));
        writer.Number("exitCode", exit.ExitCode);
        writer.WriteString("detail", exit.Detail);
        writer.Seconds("uptimeSeconds", exit.Uptime);
        writer.WriteEndObject();
    }

    /// <summary>The reason as a cluster would print it (<c>OOMKilled</c> as in <c>kubectl get pods</c>).</summary>
    public static string ReasonText(ExitReason reason) => Verdict.UnitFormat.Reason(reason);
}
