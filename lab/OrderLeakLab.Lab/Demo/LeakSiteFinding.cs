using System.Globalization;
using OrderLeakLab.Inspect;

namespace OrderLeakLab.Lab.Demo;

/// <summary>LeakSiteFinding is one variant's inspection in a demo run, as <see cref="LeakSiteProbe"/> took it.</summary>
/// <param name="Target">The variant.</param>
/// <param name="Elapsed">Run time when the threshold was crossed.</param>
/// <param name="Percent">The variant's memory, in percent of the limit, at that moment.</param>
/// <param name="Report">What the inspector found.</param>
public sealed record LeakSiteFinding(string Target, TimeSpan Elapsed, double Percent, InspectionReport Report)
{
    /// <summary>The evidence line, e.g. <c>leak site: 15,230 workers parked at LeakyCheckout.HandOffAsync awaiting a full channel (heap dump at 42s, …; target paused 480 ms)</c>.</summary>
    public string Line => string.Create(
        CultureInfo.InvariantCulture,
        $"leak site: {Report.LeakSiteSummary()} ({Report.Mode switch { "dump" => "heap dump", "snapshot" => "memory snapshot", _ => "live inspection" }} at {Elapsed.TotalSeconds:0}s, memory at {Percent:0}% of the limit; target paused {Report.TargetPaused.TotalMilliseconds:0} ms, analysed in {Report.Elapsed.TotalSeconds:0.0} s)");

    /// <summary>
    /// Every evidence line from this inspection: the leak site, the application types that grew most since the
    /// baseline look (or, without one, the largest), and one retention path — the leak site's, else the top type's.
    /// </summary>
    public IReadOnlyList<string> Evidence
    {
        get
        {
            var lines = new List<string> { Line };
            var inv = CultureInfo.InvariantCulture;
            var grown = Report.GrowingTypes.Where(g => g.Application).Take(3)
                .Select(g => string.Create(inv, $"+{g.CountDelta:N0} {g.ShortName} (+{g.BytesDelta / 1048576.0:0.0} MiB)"))
                .ToList();
            if (grown.Count > 0)
            {
                lines.Add($"grew since the baseline look: {string.Join(", ", grown)}");
            }
            else if (Report.HeapTypes.Where(t => t.Application).Take(3).ToList() is { Count: > 0 } largest)
            {
                lines.Add("largest application types: " + string.Join(", ", largest.Select(t =>
                    string.Create(inv, $"{t.Count:N0} {t.ShortName} ({t.Bytes / 1048576.0:0.0} MiB)"))));
            }

            var path = Report.RetentionPaths.FirstOrDefault(p => p.For.StartsWith("leak site", StringComparison.Ordinal)) ?? Report.RetentionPaths.FirstOrDefault();
            if (path is not null)
            {
                lines.Add($"retained by ({path.For}): {path.ToText()}");
            }
            else if (Report.PathSearch is { CutShort: { } cut })
            {
                lines.Add($"retention path not found: the search was cut short by the {cut}");
            }

            return lines;
        }
    }
}
