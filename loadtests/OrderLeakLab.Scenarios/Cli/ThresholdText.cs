using System.Globalization;
using OrderLeakLab.Load.Thresholds;

namespace OrderLeakLab.Scenarios.Cli;

/// <summary>
/// ThresholdText parses <c>--threshold</c> values: <c>fail&lt;5%</c>, <c>p99&lt;800ms</c> (p50, p75, p95, p99, max),
/// optionally for one target only with a prefix: <c>fixed:p99&lt;800ms</c>.
/// </summary>
public static class ThresholdText
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="scenario"/> is the prefix or null for every target.</summary>
    public static bool TryParse(string text, out string? scenario, out Threshold? threshold, out string? error)
    {
        scenario = null;
        threshold = null;
        error = $"--threshold '{text}' must look like fail<5% or p99<800ms (p50|p75|p95|p99|max), optionally prefixed NAME:.";
        var body = text.Trim();
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            scenario = body[..colon];
            body = body[(colon + 1)..];
        }

        var parts = body.Split('<', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            return false;
        }

        if (parts[0].Equals("fail", StringComparison.OrdinalIgnoreCase))
        {
            if (!double.TryParse(parts[1].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || percent <= 0)
            {
                return false;
            }

            threshold = Threshold.FailPercentBelow(percent);
        }
        else
        {
            double? percentile = parts[0].ToLowerInvariant() switch
            {
                "p50" => 50, "p75" => 75, "p95" => 95, "p99" => 99, "max" => 100, _ => null,
            };
            if (percentile is null || !DurationParser.TryParse(parts[1], out var limit) || limit <= TimeSpan.Zero)
            {
                return false;
            }

            threshold = Threshold.LatencyBelow(percentile.Value, limit);
        }

        error = null;
        return true;
    }
}
