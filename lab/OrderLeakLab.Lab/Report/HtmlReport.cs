using System.Net;
using System.Text;
using OrderLeakLab.Lab.Model;
using OrderLeakLab.Lab.Verdict;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// HtmlReport renders <c>report.html</c>: one self-contained page (inline CSS and SVG, no script, no network)
/// with the verdict table and evidence, the four charts and the "where the workers are parked" table.
/// </summary>
internal static class HtmlReport
{
    public static string Render(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append($"<title>{E(report.Title)}{(report.IsPartial ? " (PARTIAL)" : "")}</title><style>{Css}</style></head><body>\n");
        if (report.Partial is { } partial)
        {
            html.Append($"<div id=\"partial\" class=\"partial\">PARTIAL REPORT — {E(partial)}. Figures and verdicts cover only the part of the run that happened.</div>\n");
        }

        html.Append($"<h1>{E(report.Title)}</h1><p class=\"meta\">leaklab {E(LabVersion.Text)} · started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC · baseline 0–{S(report.Phases.LoadStart)} · load {S(report.Phases.LoadStart)}–{S(report.Phases.LoadEnd)} · cooldown to {S(report.Phases.End)}</p>\n");
        foreach (var note in report.Notes)
        {
            html.Append($"<p class=\"note\">{E(note)}</p>");
        }

        if (report.Expectation is { } expectation)
        {
            html.Append($"<p id=\"expectation\" class=\"{(expectation.Held ? "held" : "failed")}\">{E(expectation.ToString())}</p>\n");
        }

        VerdictTable(html, report.Verdicts);
        foreach (var chart in ReportCharts.Build(report))
        {
            html.Append("<section class=\"figure\">").Append(chart.Render(ReportCharts.FormatterFor(chart.Id))).Append(chart.LegendHtml()).Append("</section>\n");
        }

        ParkedTable(html, report.ParkedWorkers);
        html.Append("<footer>Written by leaklab. Same data: timeseries.json, verdict.json, summary.md. Markers ▼ are exits (hover for reason); shaded spans in a target's colour are where its /metrics did not answer.</footer></body></html>\n");
        return html.ToString();
    }

    private static void VerdictTable(StringBuilder html, IReadOnlyList<TargetVerdict> verdicts)
    {
        html.Append("<h2>Verdict</h2>");
        if (verdicts.Count == 0)
        {
            html.Append("<p>No verdict: the run ended before there was anything to judge.</p>");
            return;
        }

        html.Append("<table id=\"verdicts\"><tr><th>Target</th><th>Verdict</th><th>Restarts</th><th>Exits</th><th>Memory slope under load</th><th>Workers slope</th><th>Memory baseline → after cooldown</th><th>Workers baseline → after cooldown</th><th>Time to limit</th><th>Missing samples</th></tr>");
        foreach (var v in verdicts)
        {
            var exits = v.Exits.Count == 0 ? "–" : string.Join(", ", v.Exits.Select(x => Invariant($"{x.Reason.Text()} @{x.Elapsed.TotalSeconds:0}s")));
            html.Append($"<tr><td>{E(v.Name)}</td><td><span class=\"badge {v.OutcomeText}\">{E(v.Headline)}</span></td><td>{v.Restarts}</td><td>{E(exits)}</td>");
            html.Append($"<td>{E(ByteFormat.Rate(v.MemorySlopeBytesPerSecond))}</td><td>{E(NumberFormat.PerSecond(v.WorkersSlopePerSecond))}</td>");
            html.Append($"<td>{E(ByteFormat.Human(v.BaselineRssBytes))} → {E(ByteFormat.Human(v.CooldownRssBytes))}</td><td>{E(NumberFormat.Count(v.BaselineWorkers))} → {E(NumberFormat.Count(v.CooldownWorkers))}</td><td>{E(ReportText.TimeToLimit(v))}</td><td>{E(ReportText.Missing(v))}</td></tr>");
        }

        html.Append("</table>\n");
        foreach (var v in verdicts)
        {
            html.Append($"<h3>{E(v.Name)}: {E(v.Headline)}</h3><ul class=\"evidence\">");
            foreach (var line in v.Evidence)
            {
                html.Append($"<li>{E(line)}</li>");
            }

            html.Append("</ul>\n");
        }
    }

    private static void ParkedTable(StringBuilder html, IReadOnlyList<ParkedWorkersRow> rows)
    {
        html.Append("<h2>Where the workers are parked</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p id=\"parked-none\">Not captured in this run (run <code>leaklab inspect --pid N</code> against a live target).</p>\n");
            return;
        }

        html.Append("<table id=\"parked\"><tr><th>Target</th><th>Count</th><th>Parked in</th><th>Awaiting</th><th>Oldest</th></tr>");
        foreach (var row in rows.OrderBy(r => r.Target).ThenByDescending(r => r.Count))
        {
            html.Append($"<tr><td>{E(row.Target)}</td><td class=\"num\">{NumberFormat.Count(row.Count)}</td><td><code>{E(row.Where)}</code></td><td><code>{E(row.Awaiting)}</code></td><td>{E(DurationFormat.Human(row.OldestAge))}</td></tr>");
        }

        html.Append("</table>\n");
    }

    private static string S(TimeSpan t) => Invariant($"{t.TotalSeconds:0}s");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1260px}
        h1{margin:0 0 4px}.meta,.note{color:#555;margin:2px 0}
        .partial{background:#fff3cd;border:2px solid #e0a800;padding:10px 14px;font-weight:bold;margin-bottom:12px}
        .held{color:#1a7f37;font-weight:bold}.failed{color:#cf222e;font-weight:bold}
        table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}
        th{background:#f4f4f4}.num{text-align:right}
        .badge{padding:2px 8px;border-radius:10px;color:#fff;font-weight:bold}.badge.leak{background:#cf222e}.badge.flat{background:#1a7f37}
        .figure{margin:18px 0}.chart{width:100%;height:auto;background:#fff;border:1px solid #e5e5e5}
        .chart .title{font-weight:bold;font-size:15px}.chart .tick{font-size:11px;fill:#555}
        .chart .grid{stroke:#eee}.chart .band{fill:#f1f3f6}.chart .band-label{font-size:11px;fill:#889}
        .chart .series{fill:none;stroke-width:2}.chart .limit{stroke-dasharray:10 5;stroke-width:1.5}
        .chart .marker line{stroke-dasharray:3 3;stroke-width:1}
        .chart .gap rect{fill-opacity:.12}.chart .gap-label{font-size:11px}
        .legend{font-size:12px;color:#444}.legend span{margin-right:16px;white-space:nowrap}.legend svg{margin-right:4px}
        footer{color:#777;margin-top:24px;font-size:12px}
        """;
}
