using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Report;

internal static class HtmlReport
{
    public static string Render(RunReport report) => report.Title;
}
