using System.Globalization;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Run;

/// <summary>RunSummary prints the end of a run: the verdicts with their evidence (the memory band among it), exits and CPU.</summary>
public static class RunSummary
{
    /// <summary>Writes the summary for <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, RunReport report, IReadOnlyList<RunTarget> variants)
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
}
