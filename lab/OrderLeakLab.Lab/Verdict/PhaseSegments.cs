using OrderLeakLab.Lab.Model;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// PhaseSegments cuts the load phase into incarnations (at every exit and every tick the target was down) and
/// fits each one, so an OOM → restart sawtooth reads as the steady climb it is, not as a flat average.
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

            if (crossed || !sample.Up)
            {
                Close(segments, ref current);
            }

            // Only the first incarnation was already running when the load began: skip its heap warm-up.
            if (sample.Up && !(segments.Count == 0 && nextCut == 0 && sample.Elapsed < phases.LoadStart + warmUp))
            {
                current.Add(sample);
            }
        }

        Close(segments, ref current);
        return segments;
    }

    public static SegmentFit? Slope(List<List<TargetSample>> segments, Func<TargetSample, long?> value, int minSamples)
    {
        var fits = new List<(double Slope, double StartLevel, TimeSpan Span)>();
        foreach (var segment in segments)
        {
            var points = segment.Where(sample => value(sample) is not null)
                .Select(sample => (X: sample.Elapsed.TotalSeconds, Y: (double)value(sample)!.Value))
                .ToList();
            if (points.Count < minSamples || TheilSen.Fit(points) is not { } fit)
            {
                continue;
            }

            fits.Add((fit.Slope, fit.Intercept + (fit.Slope * points[0].X), TimeSpan.FromSeconds(points[^1].X - points[0].X)));
        }

        if (fits.Count == 0)
        {
            return null;
        }

        var basis = fits.Count == 1 ? "one incarnation" : $"median of {fits.Count} incarnations";
        return new SegmentFit(
            TheilSen.Median(fits.Select(f => f.Slope).ToList()),
            TheilSen.Median(fits.Select(f => f.StartLevel).ToList()),
            TimeSpan.FromSeconds(TheilSen.Median(fits.Select(f => f.Span.TotalSeconds).ToList())),
            basis);
    }

    private static void Close(List<List<TargetSample>> segments, ref List<TargetSample> current)
    {
        if (current.Count > 0)
        {
            segments.Add(current);
            current = [];
        }
    }

    /// <summary>A slope with the level at its incarnation's start, the span it covers, and how it was obtained.</summary>
    public sealed record SegmentFit(double Slope, double StartLevel, TimeSpan Span, string Basis);
}
