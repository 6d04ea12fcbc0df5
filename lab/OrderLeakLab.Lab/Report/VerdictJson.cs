using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Report;

internal static class VerdictJson
{
    public static string Render(RunReport report) => report.Title;
}
