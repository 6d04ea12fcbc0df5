using System.Globalization;

namespace OrderLeakLab.Common;

/// <summary>NumberFormat prints counts, rates of counts and relative changes the same way in evidence, Markdown and HTML.</summary>
public static class NumberFormat
{
    /// <summary>A count with thousands separators: <c>21,344</c>; a dash for unknown.</summary>
    public static string Count(long? count) => count is null ? "–" : count.Value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A signed rate per second: <c>+600.0/s</c>; a dash for unknown.</summary>
    public static string PerSecond(double? rate) => rate is null ? "–" : rate.Value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "/s";

    /// <summary>A signed relative change: <c>+41%</c>, <c>-3%</c>, or <c>±0%</c> below half a percent.</summary>
    public static string Percent(double fraction) =>
        Math.Abs(fraction) < 0.005 ? "±0%" : (fraction > 0 ? "+" : "-") + Math.Abs(fraction).ToString("0%", CultureInfo.InvariantCulture);
}
