using System.Globalization;

namespace OrderLeakLab.Common;

/// <summary>
/// SizeParser reads memory sizes as Kubernetes writes them: <c>256Mi</c>, <c>1Gi</c>, <c>300M</c>, or plain bytes;
/// from 1 byte to <see cref="Largest"/>.
/// </summary>
public static class SizeParser
{
    /// <summary>The largest size any option accepts: 1 TiB.</summary>
    public const long Largest = 1L << 40;

    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40),
        ("K", 1000L), ("M", 1000L * 1000), ("G", 1000L * 1000 * 1000), ("T", 1000L * 1000 * 1000 * 1000),
    ];

    /// <summary>Parses <paramref name="text"/> into bytes; false for anything unparsable, not positive or above <see cref="Largest"/>.</summary>
    public static bool TryParse(string? text, out long bytes) => TryParse(text, out bytes, out _);

    /// <summary>Parses <paramref name="text"/> into bytes; on failure <paramref name="error"/> says what to change.</summary>
    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        var s = text?.Trim() ?? "";
        var number = s;
        long factor = 1;
        foreach (var (suffix, f) in Units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal))
            {
                number = s[..^suffix.Length];
                factor = f;
                break;
            }
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n))
        {
            error = $"'{s}' is not a size such as 256Mi, 1Gi or 300M";
            return false;
        }

        if (n * factor < 1 || n * factor > Largest)
        {
            error = $"'{s}' is out of range: a size is from 1 byte to {ByteFormat.Quantity(Largest)}";
            return false;
        }

        bytes = (long)(n * factor);
        error = "";
        return true;
    }

    /// <summary>Formats bytes the way a size is typed: <c>256Mi</c> (whole MiB), else <c>512Ki</c> or plain bytes.</summary>
    public static string Format(long bytes) => ByteFormat.Quantity(bytes);
}
