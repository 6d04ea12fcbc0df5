using OrderLeakLab.Lab.Verdict;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Report;

/// <summary>ReportText formats the verdict cells the HTML and Markdown tables share.</summary>
internal static class ReportText
{
    /// <summary>"42 s (observed, 3 exits)", "66 s", or "–".</summary>
    public static string TimeToLimit(TargetVerdict v) => v.TimeToLimitBasis == "observed"
        ? $"{DurationFormat.Human(v.ProjectedTimeToLimit)} (observed, {v.ObservedLifetimes.Count} exit{(v.ObservedLifetimes.Count == 1 ? "" : "s")})"
        : DurationFormat.Human(v.ProjectedTimeToLimit);

    /// <summary>"82 of 147" or "0 of 147".</summary>
    public static string Missing(TargetVerdict v) => Invariant($"{v.MissingSamples} of {v.SampleCount}");
}
