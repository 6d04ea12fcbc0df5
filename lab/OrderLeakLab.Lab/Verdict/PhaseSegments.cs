using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// PhaseSegments cuts the load phase into incarnations (at every exit and every tick nothing was known of the
/// target: down, and no cgroup working set either) and fits each one, so an OOM → restart sawtooth reads as the
/// steady climb it is, not as a flat average. A tick whose <c>/metrics</c> did not answer but whose cgroup was read
/// stays in its incarnation: the working set has no gap there.
/// </summary>
internal static class PhaseSegments
{
    public static List<List<TargetSample>> UnderLoad(
        IReadOnlyList<TargetSample> samples, IReadOnlyList<ExitRecord> exits, RunPhases phases, VerdictOptions options)
    {
        var loadLength = phases.LoadEnd - phases.LoadStart;
        var warmUp = TimeSpan.FromTicks(Math.Min(options.LoadWarmUp.Ticks, loadLength.Ticks / 3));
        var cuts = exits.Select(exit => exit.Elapsed).Order().ToList();
        var segments = new List<List<TargetSample>>();
        var current = new List<TargetSample>();
        var nextCut = 0;
        foreach (var sample in samples.Where(s => s.Elapsed >= phases.LoadStart && s.Elapsed < phases.LoadEnd))
        {
            var crossed = false;
            while (nextCut < cuts.Count && cuts[nextCut] <= sample.Elapsed)
            {
                nextCut++;
                crossed = true;
            }

            var known = sample.Up || sample.WorkingSetBytes is not null;
            if (crossed || !known)
            {
                Close(segments, ref current);
            }

            // Only the first incarnation was already running when the load began: skip its heap warm-up.
            if (known && !(segments.Count == 0 && nextCut == 0 && sample.Elapsed < phases.LoadStart + warmUp))
            {
                current.Add(sample);
            }
        }

        Close(segments, ref current);
        return segments;
    }

    public static SegmentFit? Slope(List<List<TargetSample>> segments, Func<TargetSample, long?> value, int minSamples)
    {
        var fits = new List<SegmentFit>();
        foreach (var (segment, index) in segments.Select((segment, index) => (segment, index)))
        {
            var points = segment.Where(sample => value(sample) is not null)
                .Select(sample => (X: sample.Elapsed.TotalSeconds, Y: (double)value(sample)!.Value))
                .ToList();
            if (points.Count < minSamples || TheilSen.Fit(points) is not { } fit)
            {
                continue;
            }

            fits.Add(new SegmentFit(fit.Slope, fit.Intercept + (fit.Slope * points[0].X), TimeSpan.FromSeconds(points[^1].X - points[0].X), points.Count, index > 0, ""));
        }

        if (fits.Count == 0)
        {
            return null;
        }

        // The sample-weighted median incarnation: equal OOM cycles give the plain median, while a short tail
        // incarnation (restarted just before the load ended) cannot outvote a long one. Slope, start level and
        // span all come from that one incarnation, so the projection to the limit stays self-consistent.
        var ordered = fits.OrderBy(f => f.Slope).ToList();
        var half = fits.Sum(f => f.Samples) / 2.0;
        var cumulative = 0;
        var chosen = ordered.First(f => (cumulative += f.Samples) >= half);
        var basis = fits.Count == 1 ? "one incarnation" : $"weighted median of {fits.Count} incarnations";

        // The first incarnation's window starts after the warm-up, mid-climb; a restarted one starts where a fresh
        // process does, so "time from a (re)start to the limit" is measured from those when there are any.
        var restarted = fits.Where(f => f.AfterRestart).Select(f => f.StartLevel).ToList();
        var startLevel = restarted.Count > 0 ? TheilSen.Median(restarted) : chosen.StartLevel;
        return chosen with { Basis = basis, StartLevel = startLevel };
    }

    private static void Close(List<List<TargetSample>> segments, ref List<TargetSample> current)
    {
        if (current.Count > 0)
        {
            segments.Add(current);
            current = [];
        }
    }

    /// <summary>A slope with the level at its incarnation's start, the span and samples it covers, and how it was chosen.</summary>
    public sealed record SegmentFit(double Slope, double StartLevel, TimeSpan Span, int Samples, bool AfterRestart, string Basis);
}
