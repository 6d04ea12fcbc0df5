using System.Globalization;

namespace OrderLeakLab.Lab.Cli;

/// <summary>DurationParser reads command-line durations: <c>500ms</c>, <c>60s</c>, <c>3m</c>, <c>1h</c> (DESIGN §3).</summary>
public static class DurationParser
{
    /// <summary>Parses <paramref name="text"/>; a bare number means seconds. Returns false on anything else or a negative value.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        (string number, double scaleMs) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => (s[..^2], 1d),
            _ when s.EndsWith('s') => (s[..^1], 1000d),
            _ when s.EndsWith('m') => (s[..^1], 60_000d),
            _ when s.EndsWith('h') => (s[..^1], 3_600_000d),
            _ => (s, 1000d),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || double.IsInfinity(n))
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(n * scaleMs);
        return true;
    }

    /// <summary>Formats a duration the way it is typed: <c>500ms</c>, <c>75s</c>, <c>3m</c>.</summary>
    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds % 60_000 == 0 && value >= TimeSpan.FromMinutes(1) ? $"{value.TotalMinutes:0}m"
        : value.TotalMilliseconds % 1000 == 0 ? $"{value.TotalSeconds:0}s"
        : $"{value.TotalMilliseconds:0}ms";
}
