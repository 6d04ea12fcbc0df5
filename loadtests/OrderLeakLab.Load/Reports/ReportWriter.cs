using OrderLeakLab.Load.Running;

namespace OrderLeakLab.Load.Reports;

/// <summary>ReportWriter saves a result as <c>load-report.json</c> (schema 1) and <c>load-report.md</c> in a folder.</summary>
public static class ReportWriter
{
    /// <summary>File name of the JSON report.</summary>
    public const string JsonFileName = "load-report.json";

    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownFileName = "load-report.md";

    /// <summary>Creates <paramref name="directory"/> if needed and writes both reports into it; returns their paths.</summary>
    public static async Task<(string Json, string Markdown)> WriteAsync(
        string directory, LoadResult result, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, JsonFileName);
        await using (var stream = File.Create(jsonPath))
        {
            JsonReport.Write(stream, result);
        }

        var markdownPath = Path.Combine(directory, MarkdownFileName);
        await File.WriteAllTextAsync(markdownPath, MarkdownReport.Render(result), cancellationToken).ConfigureAwait(false);
        return (jsonPath, markdownPath);
    }
}
