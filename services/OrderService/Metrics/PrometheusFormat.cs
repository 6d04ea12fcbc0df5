using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace OrderLeakLab.OrderService.Metrics;

/// <summary>
/// PrometheusFormat holds the text format 0.0.4 rules we rely on: OpenTelemetry→Prometheus metric names,
/// name sanitising, HELP and label-value escaping, and number formatting.
/// </summary>
public static class PrometheusFormat
{
    /// <summary>The Content-Type of the exposition.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// The Prometheus name of <paramref name="instrument"/>: dots to underscores, the unit as a suffix
    /// (<c>s</c>→<c>_seconds</c>, <c>By</c>→<c>_bytes</c>, <c>{thing}</c> dropped) and <c>_total</c> on counters,
    /// e.g. <c>dotnet.gc.last_collection.heap.size</c> (By) → <c>dotnet_gc_last_collection_heap_size_bytes</c>.
    /// </summary>
    public static string MetricName(Instrument instrument, bool monotonic)
    {
        var name = Sanitize(instrument.Name, allowColon: true);
        var unit = UnitSuffix(instrument.Unit, monotonic);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        return monotonic && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary>Replaces every character Prometheus does not allow in a name with <c>_</c>.</summary>
    public static string Sanitize(string name, bool allowColon)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (allowColon && c == ':');
            var next = ok ? c : '_';
            if (next != '_' || sb.Length == 0 || sb[^1] != '_')
            {
                sb.Append(next);
            }
        }

        if (sb.Length == 0 || char.IsAsciiDigit(sb[0]))
        {
            sb.Insert(0, '_');
        }

        return sb.ToString();
    }

    /// <summary>Escapes a HELP text: backslash and line feed.</summary>
    public static string EscapeHelp(string text) => text.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string text) =>
        text.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>Formats a sample value: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Renders tags as a label list <c>a="x",b="y"</c>, sorted by name, without braces.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var pairs = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags)
        {
            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            pairs.Add(new(Sanitize(tag.Key, allowColon: false), value));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var sb = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(key).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        return sb.ToString();
    }

    private static string UnitSuffix(string? unit, bool monotonic) => unit switch
    {
        null or "" => "",
        _ when unit.StartsWith('{') => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        "%" => "percent",
        "1" => monotonic ? "" : "ratio",
        _ => Sanitize(unit, allowColon: false).Trim('_').ToLowerInvariant(),
    };
}
