using System.Globalization;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>Formats bytes, rates and durations the same way in evidence, Markdown and HTML.</summary>
internal static class UnitFormat
{
    /// <summary>Bytes for people (<see cref="ByteFormat.Human"/>, the one byte formatter).</summary>
    public static string Bytes(double? bytes) => ByteFormat.Human(bytes);

    public static string BytesPerSecond(double? rate) =>
        rate is null ? "–" : (rate >= 0 ? "+" : "-") + Bytes(Math.Abs(rate.Value)) + "/s";

    public static string PerSecond(double? rate) => rate is null ? "–" : Invariant($"{rate:+0.0;-0.0;0.0}/s");

    public static string Count(long? count) => count is null ? "–" : count.Value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "–",
        var d when d.Value.TotalHours >= 1 => Invariant($"{d.Value.TotalHours:0.0} h"),
        var d when d.Value.TotalMinutes >= 2 => Invariant($"{d.Value.TotalMinutes:0.0} min"),
        var d => Invariant($"{d.Value.TotalSeconds:0} s"),
    };

    public static string Percent(double fraction) =>
        Math.Abs(fraction) < 0.005 ? "±0%" : (fraction > 0 ? "+" : "-") + Math.Abs(fraction).ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>The reason as a cluster would print it (<c>OOMKilled</c> as in <c>kubectl get pods</c>).</summary>
    public static string Reason(OrderLeakLab.Lab.Model.ExitReason reason) => reason switch
    {
        OrderLeakLab.Lab.Model.ExitReason.OomKilled => "OOMKilled",
        OrderLeakLab.Lab.Model.ExitReason.OutOfMemoryException => "OutOfMemoryException",
        OrderLeakLab.Lab.Model.ExitReason.Watchdog => "Watchdog",
        OrderLeakLab.Lab.Model.ExitReason.Crash => "Crash",
        _ => "Stopped",
    };

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
