using System.Globalization;

namespace OrderLeakLab.Inspect;

/// <summary>Parses command-line durations: <c>500ms</c>, <c>60s</c>, <c>3m</c>, <c>1h</c>, or a TimeSpan (<c>00:00:30</c>).</summary>
public static class DurationParser
{
    /// <summary>Tries to parse <paramref name="text"/> as a positive duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var (number, unit) = t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (t[..^2], 1.0)
            : t.EndsWith('s') ? (t[..^1], 1000.0)
            : t.EndsWith('m') ? (t[..^1], 60_000.0)
            : t.EndsWith('h') ? (t[..^1], 3_600_000.0)
            : (null, 0);
        if (number is not null && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * unit < TimeSpan.MaxValue.TotalMilliseconds)
        {
            duration = TimeSpan.FromMilliseconds(value * unit);
            return true;
        }

        return number is null && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }
}
