using System.Text;
using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// MarkdownSummary renders <c>summary.md</c>: a few lines and two tables that fit a GitHub job summary
/// (<c>cat summary.md >> $GITHUB_STEP_SUMMARY</c>); the charts live in report.html.
/// </summary>
internal static class MarkdownSummary
{
    public static string Render(RunReport report)
    {
        var md = new StringBuilder();
        md.Append($"## {Cell(report.Title)}{(report.IsPartial ? " (PARTIAL)" : "")}\n\n");
        if (report.Partial is { } partial)
        {
            md.Append($"> [!WARNING]\n> **PARTIAL REPORT** — {partial}. Figures and verdicts cover only the part of the run that happened.\n\n");
        }

        md.Append(Invariant($"leaklab {LabVersion.Text} · started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC · baseline 0–{report.Phases.LoadStart.TotalSeconds:0}s · load {report.Phases.LoadStart.TotalSeconds:0}–{report.Phases.LoadEnd.TotalSeconds:0}s · cooldown to {report.Phases.End.TotalSeconds:0}s\n\n"));
        foreach (var note in report.Notes)
        {
            md.Append($"- {note}\n");
        }

        if (report.Notes.Count > 0)
        {
            md.Append('\n');
        }

        if (report.Expectation is { } expectation)
        {
            md.Append(expectation.Held ? "✅ **" : "❌ **").Append(expectation).Append("**\n\n");
        }

        if (report.Verdicts.Count == 0)
        {
            md.Append("No verdict: the run ended before there was anything to judge.\n");
        }
        else
        {
            md.Append("| Target | Verdict | Restarts | Exits | Memory slope under load | Workers slope | Memory baseline → after cooldown | Workers baseline → after cooldown | Time to limit | Missing samples |\n");
            md.Append("|---|---|--:|---|--:|--:|--:|--:|--:|--:|\n");
            foreach (var v in report.Verdicts)
            {
                var exits = v.Exits.Count == 0 ? "–" : string.Join(", ", v.Exits.Take(8).Select(x => Invariant($"{x.Reason.Text()} @{x.Elapsed.TotalSeconds:0}s"))) + (v.Exits.Count > 8 ? ", …" : "");
                md.Append($"| {Cell(v.Name)} | **{v.Headline}** | {v.Restarts} | {exits} | {ByteFormat.Rate(v.MemorySlopeBytesPerSecond)} | {NumberFormat.PerSecond(v.WorkersSlopePerSecond)} | {ByteFormat.Human(v.BaselineRssBytes)} → {ByteFormat.Human(v.CooldownRssBytes)} | {NumberFormat.Count(v.BaselineWorkers)} → {NumberFormat.Count(v.CooldownWorkers)} | {ReportText.TimeToLimit(v)} | {ReportText.Missing(v)} |\n");
            }

            md.Append('\n');
            foreach (var v in report.Verdicts)
            {
                md.Append($"**{Cell(v.Name)} — {v.Headline}**\n");
                foreach (var line in v.Evidence)
                {
                    md.Append($"- {line}\n");
                }

                md.Append('\n');
            }
        }

        if (report.ParkedWorkers.Count > 0)
        {
            md.Append("### Where the workers are parked\n\n| Target | Count | Parked in | Awaiting | Oldest |\n|---|--:|---|---|--:|\n");
            foreach (var row in report.ParkedWorkers.OrderBy(r => r.Target).ThenByDescending(r => r.Count).Take(20))
            {
                md.Append($"| {Cell(row.Target)} | {NumberFormat.Count(row.Count)} | `{Cell(row.Where)}` | `{Cell(row.Awaiting)}` | {DurationFormat.Human(row.OldestAge)} |\n");
            }

            md.Append('\n');
        }

        md.Append("Charts: `report.html` · data: `timeseries.json`, `verdict.json`\n");
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
