using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Report;

internal static class MarkdownSummary
{
    public static string Render(RunReport report) => report.Title;
}
