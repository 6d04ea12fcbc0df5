using System.Globalization;

namespace OrderLeakLab.Common;

/// <summary>
/// DurationParser reads every duration typed on a command line of the lab, <c>leaklab inspect</c> and the load CLI
/// (DESIGN §3): a number with a unit (<c>500ms</c>, <c>60s</c>, <c>3m</c>, <c>1h</c>, <c>1d</c>) or a clock time
/// (<c>00:01:00</c>). A bare number is refused ("add a unit"): <c>60</c> meant seconds to one command and days to
/// another. Values run from 0 to <see cref="Longest"/>; an option that needs more than zero says so itself.
/// </summary>
public static class DurationParser
{
    /// <summary>The longest duration any option accepts: 7 days.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    private static readonly (string Suffix, double Milliseconds)[] Units =
        [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)];

    /// <summary>Parses <paramref name="text"/>; false for anything else, a negative value or one above <see cref="Longest"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text, out value, out _);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what to change.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = default;
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            error = "a duration is needed, such as 500ms, 60s or 3m";
            return false;
        }

        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            error = $"'{t}' has no unit: add one, e.g. {t}s or {t}ms";
            return false;
        }

        if (!TryNumberWithUnit(t, out value) && !(t.Contains(':') && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out value)))
        {
            error = $"'{t}' is not a duration such as 500ms, 60s, 3m, 1h or 00:01:00";
            return false;
        }

        if (value < TimeSpan.Zero || value > Longest)
        {
            error = $"'{t}' is out of range: a duration is from 0s to {DurationFormat.Typed(Longest)}";
            return false;
        }

        error = "";
        return true;
    }

    private static bool TryNumberWithUnit(string t, out TimeSpan value)
    {
        value = default;
        foreach (var (suffix, milliseconds) in Units)
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                && double.IsFinite(n) && Math.Abs(n * milliseconds) < TimeSpan.MaxValue.TotalMilliseconds / 2)
            {
                value = TimeSpan.FromMilliseconds(n * milliseconds);
                return true;
            }
        }

        return false;
    }
}
