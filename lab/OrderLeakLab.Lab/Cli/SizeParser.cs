using System.Globalization;

namespace OrderLeakLab.Lab.Cli;

/// <summary>SizeParser reads memory sizes as Kubernetes writes them: <c>256Mi</c>, <c>1Gi</c>, <c>300M</c>, or plain bytes.</summary>
public static class SizeParser
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30),
        ("K", 1000L), ("M", 1000L * 1000), ("G", 1000L * 1000 * 1000),
    ];

    /// <summary>Parses <paramref name="text"/> into bytes; returns false for anything unparsable or not positive.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        long factor = 1;
        foreach (var (suffix, f) in Units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal))
            {
                s = s[..^suffix.Length];
                factor = f;
                break;
            }
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0 || n * factor > long.MaxValue / 2)
        {
            return false;
        }

        bytes = (long)(n * factor);
        return true;
    }

    /// <summary>Formats bytes as MiB with no decimals, e.g. <c>256Mi</c>.</summary>
    public static string Format(long bytes) => $"{bytes / (1024d * 1024):0}Mi";
}
