using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Report;

/// <summary>
/// ReportWriter writes a report folder (DESIGN §3): <c>report.html</c> (self-contained, inline SVG, opens
/// offline), <c>summary.md</c> (fits a CI job summary), <c>timeseries.json</c> and <c>verdict.json</c>.
/// A <see cref="RunReport"/> with <see cref="RunReport.Partial"/> set is written the same way and marked
/// PARTIAL in every file, so an interrupted run still leaves its evidence behind.
/// </summary>
/// <example><code>await ReportWriter.WriteAsync(report, "artifacts/demo", ct); // or report with { Partial = "Ctrl-C at 42s" }</code></example>
public static class ReportWriter
{
    /// <summary>The file names written, in the order written.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["timeseries.json", "verdict.json", "summary.md", "report.html"];

    /// <summary>Writes all four files into <paramref name="directory"/> (created when missing); returns the full paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(RunReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var contents = new[]
        {
            TimeseriesJson.Render(report),
            VerdictJson.Render(report),
            MarkdownSummary.Render(report),
            HtmlReport.Render(report),
        };
        var paths = new List<string>();
        for (var i = 0; i < FileNames.Count; i++)
        {
            var path = Path.GetFullPath(Path.Combine(directory, FileNames[i]));
            // Write-then-rename so a Ctrl-C during writing never leaves a half file under the final name.
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, contents[i], cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            paths.Add(path);
        }

        return paths;
    }
}
