using System.Globalization;

namespace OrderLeakLab.Common;

/// <summary>DurationFormat prints durations the same way everywhere: as typed on a command line, or for people in evidence and reports.</summary>
public static class DurationFormat
{
    /// <summary>A duration the way it is typed (<see cref="DurationParser"/> reads it back), in the largest unit that is exact: <c>500ms</c>, <c>75s</c>, <c>3m</c>, <c>2h</c>.</summary>
    public static string Typed(TimeSpan value) => value switch
    {
        _ when value == TimeSpan.Zero => "0s",
        _ when value.Ticks % TimeSpan.TicksPerDay == 0 => $"{value.TotalDays:0}d",
        _ when value.Ticks % TimeSpan.TicksPerHour == 0 => $"{value.TotalHours:0}h",
        _ when value.Ticks % TimeSpan.TicksPerMinute == 0 => $"{value.TotalMinutes:0}m",
        _ when value.Ticks % TimeSpan.TicksPerSecond == 0 => $"{value.TotalSeconds:0}s",
        _ => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###}ms"),
    };

    /// <summary>For people: <c>42 s</c> below two minutes, <c>2.5 min</c> below an hour, then <c>1.2 h</c>; a dash for unknown.</summary>
    public static string Human(TimeSpan? duration) => duration switch
    {
        null => "–",
        var d when d.Value.TotalHours >= 1 => Invariant($"{d.Value.TotalHours:0.0} h"),
        var d when d.Value.TotalMinutes >= 2 => Invariant($"{d.Value.TotalMinutes:0.0} min"),
        var d => Invariant($"{d.Value.TotalSeconds:0} s"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
