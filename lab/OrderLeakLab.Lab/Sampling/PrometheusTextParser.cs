using System.Globalization;
using System.Text;

namespace OrderLeakLab.Lab.Sampling;

/// <summary>
/// PrometheusTextParser reads the Prometheus text exposition format 0.0.4: <c># HELP</c> (escapes <c>\\</c>,
/// <c>\n</c>), <c># TYPE</c>, other comments, and sample lines <c>name{label="value",…} value [timestamp]</c>
/// with label values escaped (<c>\\</c>, <c>\"</c>, <c>\n</c>), a trailing comma allowed, and
/// <c>+Inf</c>/<c>-Inf</c>/<c>NaN</c> values. Histogram and summary samples are grouped under their family.
/// </summary>
/// <example><code>var scrape = PrometheusTextParser.Parse(text); var inflight = scrape.Sum("orders_workers_inflight");</code></example>
public static class PrometheusTextParser
{
    /// <summary>Parses a whole exposition; throws <see cref="PrometheusFormatException"/> naming the bad line.</summary>
    public static PrometheusScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new FamilyBuilder();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                ParseComment(line, lineNumber, builder);
            }
            else
            {
                builder.Add(ParseSample(line, lineNumber));
            }
        }

        return new PrometheusScrape(builder.Build());
    }

    /// <summary>Parses a sample value (Go float syntax, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>); null when it is none.</summary>
    public static double? ParseValue(string text) => text switch
    {
        "+Inf" or "Inf" or "+inf" or "inf" => double.PositiveInfinity,
        "-Inf" or "-inf" => double.NegativeInfinity,
        "NaN" or "nan" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
    };

    private static void ParseComment(string line, int lineNumber, FamilyBuilder builder)
    {
        var parts = line[1..].TrimStart().Split(' ', 3, StringSplitOptions.None);
        if (parts.Length < 2 || parts[0] is not ("HELP" or "TYPE"))
        {
            return; // An ordinary comment.
        }

        var name = parts[1];
        var rest = parts.Length == 3 ? parts[2] : "";
        if (!IsMetricName(name))
        {
            throw new PrometheusFormatException(lineNumber, $"invalid metric name '{name}' in # {parts[0]}");
        }

        if (parts[0] == "HELP")
        {
            builder.SetHelp(name, Unescape(rest, lineNumber, allowQuote: false));
            return;
        }

        var type = rest.Trim() switch
        {
            "counter" => PrometheusMetricType.Counter,
            "gauge" => PrometheusMetricType.Gauge,
            "histogram" => PrometheusMetricType.Histogram,
            "summary" => PrometheusMetricType.Summary,
            "untyped" => PrometheusMetricType.Untyped,
            var other => throw new PrometheusFormatException(lineNumber, $"unknown metric type '{other}'"),
        };
        builder.SetType(name, type, lineNumber);
    }

    private static PrometheusSample ParseSample(string line, int lineNumber)
    {
        var position = 0;
        while (position < line.Length && IsNameChar(line[position], position == 0))
        {
            position++;
        }

        var name = line[..position];
        if (name.Length == 0)
        {
            throw new PrometheusFormatException(lineNumber, "expected a metric name");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position = ParseLabels(line, position + 1, lineNumber, labels);
        }

        var fields = line[position..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 1 or > 2)
        {
            throw new PrometheusFormatException(lineNumber, $"expected 'value [timestamp]' after '{name}'");
        }

        var value = ParseValue(fields[0])
            ?? throw new PrometheusFormatException(lineNumber, $"invalid value '{fields[0]}' for '{name}'");
        long? timestamp = null;
        if (fields.Length == 2)
        {
            timestamp = long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                ? ms
                : throw new PrometheusFormatException(lineNumber, $"invalid timestamp '{fields[1]}'");
        }

        return new PrometheusSample(name, labels, value, timestamp);
    }

    private static int ParseLabels(string line, int position, int lineNumber, Dictionary<string, string> labels)
    {
        while (true)
        {
            position = SkipSpaces(line, position);
            if (position < line.Length && line[position] == '}')
            {
                return position + 1;
            }

            var start = position;
            while (position < line.Length && IsLabelChar(line[position], position == start))
            {
                position++;
            }

            var labelName = line[start..position];
            position = SkipSpaces(line, position);
            if (labelName.Length == 0 || position >= line.Length || line[position] != '=')
            {
                throw new PrometheusFormatException(lineNumber, "expected label=\"value\"");
            }

            position = SkipSpaces(line, position + 1);
            if (position >= line.Length || line[position] != '"')
            {
                throw new PrometheusFormatException(lineNumber, $"label '{labelName}' value must be quoted");
            }

            var value = new StringBuilder();
            position++;
            while (true)
            {
                if (position >= line.Length)
                {
                    throw new PrometheusFormatException(lineNumber, $"unterminated value of label '{labelName}'");
                }

                var c = line[position++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\' && position < line.Length)
                {
                    var escaped = line[position++];
                    value.Append(escaped switch { 'n' => '\n', '"' => '"', '\\' => '\\', _ => throw new PrometheusFormatException(lineNumber, $"invalid escape '\\{escaped}'") });
                }
                else
                {
                    value.Append(c);
                }
            }

            if (!labels.TryAdd(labelName, value.ToString()))
            {
                throw new PrometheusFormatException(lineNumber, $"label '{labelName}' given twice");
            }

            position = SkipSpaces(line, position);
            if (position < line.Length && line[position] == ',')
            {
                position++;
            }
            else if (position >= line.Length || line[position] != '}')
            {
                throw new PrometheusFormatException(lineNumber, "expected ',' or '}' after a label");
            }
        }
    }

    private static string Unescape(string text, int lineNumber, bool allowQuote)
    {
        if (!text.Contains('\\'))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i == text.Length - 1)
            {
                result.Append(text[i]);
                continue;
            }

            var next = text[++i];
            result.Append(next switch
            {
                'n' => "\n",
                '\\' => "\\",
                '"' when allowQuote => "\"",
                _ => throw new PrometheusFormatException(lineNumber, $"invalid escape '\\{next}' in # HELP"),
            });
        }

        return result.ToString();
    }

    private static int SkipSpaces(string line, int position)
    {
        while (position < line.Length && line[position] is ' ' or '\t')
        {
            position++;
        }

        return position;
    }

    private static bool IsMetricName(string name) =>
        name.Length > 0 && name.Select((c, i) => IsNameChar(c, i == 0)).All(ok => ok);

    private static bool IsNameChar(char c, bool first) =>
        char.IsAsciiLetter(c) || c is '_' or ':' || (!first && char.IsAsciiDigit(c));

    private static bool IsLabelChar(char c, bool first) =>
        char.IsAsciiLetter(c) || c == '_' || (!first && char.IsAsciiDigit(c));
}
