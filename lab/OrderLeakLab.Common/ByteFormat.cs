using System.Globalization;

namespace OrderLeakLab.Common;

/// <summary>ByteFormat prints byte counts the same way everywhere: evidence, live view, Markdown, HTML and inspect.</summary>
public static class ByteFormat
{
    private const double KiB = 1024, MiB = KiB * 1024, GiB = MiB * 1024;

    /// <summary>For people: <c>1.50 GiB</c>, <c>12.3 MiB</c>, <c>4.0 KiB</c>, <c>512 B</c>; a dash for unknown.</summary>
    public static string Human(double? bytes) => bytes switch
    {
        null => "–",
        var b when Math.Abs(b.Value) >= GiB => Invariant($"{b / GiB:0.00} GiB"),
        var b when Math.Abs(b.Value) >= MiB => Invariant($"{b / MiB:0.0} MiB"),
        var b when Math.Abs(b.Value) >= KiB => Invariant($"{b / KiB:0.0} KiB"),
        var b => Invariant($"{b:0} B"),
    };

    /// <summary>A signed byte rate for people: <c>+12.3 MiB/s</c>, <c>-512 B/s</c>; a dash for unknown.</summary>
    public static string Rate(double? bytesPerSecond) =>
        bytesPerSecond is { } rate ? (rate >= 0 ? "+" : "-") + Human(Math.Abs(rate)) + "/s" : "–";

    /// <summary>Whole mebibytes with the Kubernetes suffix, for columns that must stay short: <c>254Mi</c>; a dash for unknown.</summary>
    public static string Mi(double? bytes) => bytes is { } b ? Invariant($"{b / MiB:0}Mi") : "–";

    /// <summary>Mebibytes as a number for arithmetic in text (<c>254</c>), no unit.</summary>
    public static double ToMiB(double bytes) => bytes / MiB;

    /// <summary>A size the way it is typed: the largest binary unit that is exact (<c>256Mi</c>, <c>1Gi</c>, <c>512Ki</c>, <c>1000</c>).</summary>
    public static string Quantity(long bytes) => bytes switch
    {
        0 => "0",
        _ when bytes % (1L << 40) == 0 => Invariant($"{bytes >> 40}Ti"),
        _ when bytes % (1L << 30) == 0 => Invariant($"{bytes >> 30}Gi"),
        _ when bytes % (1L << 20) == 0 => Invariant($"{bytes >> 20}Mi"),
        _ when bytes % (1L << 10) == 0 => Invariant($"{bytes >> 10}Ki"),
        _ => bytes.ToString(CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
