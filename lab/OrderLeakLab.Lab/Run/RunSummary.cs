using System.Globalization;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Run;

/// <summary>RunSummary prints the end of a run: the verdicts with their evidence, exits, CPU and the memory band.</summary>
public static class RunSummary
{
    /// <summary>Writes the summary for <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, RunReport report, IReadOnlyList<RunTarget> variants, TimeSpan warmUp)
    {
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(report.IsPartial ? $"{report.Title}: PARTIAL — {report.Partial}" : $"{report.Title}: done");
        foreach (var note in report.Notes)
        {
            output.WriteLine($"  note: {note}");
        }

        var loadSeconds = Math.Max(1, (report.Phases.End - TimeSpan.Zero).TotalSeconds);
        foreach (var v in variants)
        {
            var verdict = report.Verdicts.FirstOrDefault(x => x.Name == v.Name);
            var usage = v.Supervisor is null ? "attached" : string.Create(ci, $"restarts {v.Restarts}, cpu {v.CpuSeconds:0.0}s ({v.CpuSeconds / loadSeconds:0.00} cores avg)");
            output.WriteLine($"{v.Name}: {(verdict?.Headline ?? "no verdict")}, {usage}");
            foreach (var e in v.Exits)
            {
                output.WriteLine(string.Create(ci, $"  exit at {e.Elapsed.TotalSeconds:0.0}s after {e.Uptime.TotalSeconds:0.0}s up: {e.Reason} ({e.Detail})"));
            }

            if (Band(v.Samples, report.Phases, warmUp) is { } band)
            {
                output.WriteLine(string.Create(ci, $"  {(v.Samples.Any(s => s.WorkingSetBytes is not null) ? "working set" : "RSS")} under load after {warmUp.TotalSeconds:0}s warm-up: {ByteFormat.ToMiB(band.Min):0}–{ByteFormat.ToMiB(band.Max):0} MiB, median {ByteFormat.ToMiB(band.Median):0} MiB, within ±{band.Deviation:0.0}%"));
            }

            foreach (var line in verdict?.Evidence ?? [])
            {
                output.WriteLine($"  - {line}");
            }
        }

        if (report.Expectation is { } expectation)
        {
            output.WriteLine(expectation.ToString());
        }
    }

    /// <summary>The memory (working set, else RSS) range over the load phase after <paramref name="warmUp"/> of the last incarnation that saw no restart, as min/max/median and the largest deviation from the median in percent.</summary>
    internal static (long Min, long Max, long Median, double Deviation)? Band(IReadOnlyList<TargetSample> samples, RunPhases phases, TimeSpan warmUp)
    {
        var rss = samples
            .Where(s => s.Elapsed >= phases.LoadStart + warmUp && s.Elapsed <= phases.LoadEnd && s.MemoryBytes is not null)
            .Select(s => s.MemoryBytes!.Value).Order().ToArray();
        if (rss.Length == 0)
        {
            return null;
        }

        var median = rss[rss.Length / 2];
        var deviation = 100d * Math.Max(median - rss[0], rss[^1] - median) / median;
        return (rss[0], rss[^1], median, deviation);
    }
}
