using System.Globalization;

namespace OrderLeakLab.LoadTests.Cli;

/// <summary>DurationText parses command-line durations (DESIGN §3): <c>500ms</c>, <c>60s</c>, <c>3m</c>, <c>1h</c>, or a TimeSpan like <c>00:01:00</c>.</summary>
public static class DurationText
{
    /// <summary>Parses <paramref name="text"/>; false for anything else, zero or negative.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        (string Suffix, Func<double, TimeSpan> Make)[] units =
            [("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours)];
        foreach (var (suffix, make) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value) && value > 0 && value < 1e9)
            {
                duration = make(value);
                return true;
            }
        }

        return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }

    /// <summary>Formats <paramref name="duration"/> in the shortest of those units that is exact.</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        _ when duration.Ticks % TimeSpan.TicksPerHour == 0 => $"{duration.TotalHours:0}h",
        _ when duration.Ticks % TimeSpan.TicksPerMinute == 0 => $"{duration.TotalMinutes:0}m",
        _ when duration.Ticks % TimeSpan.TicksPerSecond == 0 => $"{duration.TotalSeconds:0}s",
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###}ms"),
    };
}
