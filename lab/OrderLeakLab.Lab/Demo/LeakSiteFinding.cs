using System.Globalization;
using OrderLeakLab.Inspect;

namespace OrderLeakLab.Lab.Demo;

/// <summary>LeakSiteFinding is one variant's inspection in a demo run, as <see cref="LeakSiteProbe"/> took it.</summary>
/// <param name="Target">The variant.</param>
/// <param name="Elapsed">Run time when the threshold was crossed.</param>
/// <param name="Percent">The variant's memory, in percent of the limit, at that moment.</param>
/// <param name="Report">What the inspector found.</param>
public sealed record LeakSiteFinding(string Target, TimeSpan Elapsed, double Percent, InspectionReport Report)
{
    /// <summary>The evidence line, e.g. <c>leak site: 15,230 workers parked at LeakyCheckout.HandOffAsync awaiting a full channel (live inspection at 42s, …; target paused 900 ms)</c>.</summary>
    public string Line => string.Create(
        CultureInfo.InvariantCulture,
        $"leak site: {Report.LeakSiteSummary()} (live inspection at {Elapsed.TotalSeconds:0}s, memory at {Percent:0}% of the limit; target paused {Report.TargetPaused.TotalMilliseconds:0} ms)");
}
