using System.Globalization;
using System.Text.RegularExpressions;

namespace OrderLeakLab.Testing;

/// <summary>PrometheusText reads samples out of a text exposition (enough for assertions, not a full parser).</summary>
public sealed partial class PrometheusText(string text)
{
    /// <summary>The exposition as received.</summary>
    public string Text { get; } = text;

    /// <summary>Value of the first sample named <paramref name="name"/> that carries all <paramref name="labels"/>, or null.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        foreach (Match m in Sample().Matches(Text))
        {
            if (m.Groups["name"].Value != name)
            {
                continue;
            }

            var set = m.Groups["labels"].Value;
            if (labels.All(l => set.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return m.Groups["value"].Value switch
                {
                    "+Inf" => double.PositiveInfinity,
                    "-Inf" => double.NegativeInfinity,
                    var v => double.Parse(v, CultureInfo.InvariantCulture),
                };
            }
        }

        return null;
    }

    /// <summary>The sum of every sample named <paramref name="name"/>, over all label sets (0 when there is none).</summary>
    public double Sum(string name) =>
        Sample().Matches(Text).Where(m => m.Groups["name"].Value == name).Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    /// <summary>The <c># TYPE</c> of a family, or null when it is absent.</summary>
    public string? TypeOf(string family) =>
        Regex.Match(Text, $"^# TYPE {Regex.Escape(family)} (\\w+)$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Every family named by a <c># TYPE</c> line, in order.</summary>
    public IReadOnlyList<string> Families =>
        [.. Regex.Matches(Text, @"^# TYPE (\S+) \w+$", RegexOptions.Multiline).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^\n]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
