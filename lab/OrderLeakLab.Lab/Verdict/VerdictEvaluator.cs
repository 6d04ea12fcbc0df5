using OrderLeakLab.Lab.Model;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// VerdictEvaluator judges one target from its timeline in three phases (baseline, load, cooldown), the way
/// memlab compares snapshots, with time series instead. It answers LEAK when any of these holds:
/// <list type="number">
/// <item>the process was ended for memory (OOMKilled or OutOfMemoryException) at least once;</item>
/// <item>workers in flight after cooldown exceed baseline by <see cref="VerdictOptions.MinResidualWorkers"/>;</item>
/// <item>workers in flight grew under load (Theil–Sen) and did not come back down after cooldown;</item>
/// <item>memory grew under load (Theil–Sen, per incarnation so an OOM sawtooth does not cancel itself out) by at
/// least <see cref="VerdictOptions.MinMemoryGrowthFraction"/>, and most of that growth is still there after
/// cooldown — which is what tells a steady leak from a one-off spike that returns to baseline.</item>
/// </list>
/// Otherwise FLAT. Every finding becomes a sentence of evidence. Memory is the cgroup's working set (what the OOM
/// killer judges) when the timeline has one, else RSS.
/// </summary>
public static class VerdictEvaluator
{
    /// <summary>Judges one target. Pure: same inputs, same verdict.</summary>
    public static TargetVerdict Evaluate(TargetTimeline timeline, RunPhases phases, VerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(phases);
        options ??= new VerdictOptions();
        options.Validate();

        var decisive = new List<string>();
        var kinds = new List<LeakKind>();
        var supporting = new List<string>();
        var samples = timeline.Samples.OrderBy(sample => sample.Elapsed).ToList();
        var unplanned = timeline.Exits.Where(exit => exit.Reason != ExitReason.Stopped).ToList();
        var memoryExits = unplanned.Where(exit => exit.Reason is ExitReason.OomKilled or ExitReason.OutOfMemoryException).ToList();
        if (memoryExits.Count > 0)
        {
            decisive.Add(Invariant($"ended for memory {memoryExits.Count}× ({Describe(memoryExits)})"));
            kinds.Add(LeakKind.Memory);
        }
        else if (unplanned.Count > 0)
        {
            supporting.Add(Invariant($"{unplanned.Count} unplanned exit(s) not caused by memory ({Describe(unplanned)})"));
        }
        else
        {
            supporting.Add("no restarts");
        }

        var baseline = samples.Where(sample => sample.Elapsed < phases.LoadStart).ToList();
        var settledFrom = phases.LoadEnd + ((phases.End - phases.LoadEnd) * (1 - options.CooldownSettleFraction));
        var settled = samples.Where(sample => sample.Elapsed >= settledFrom && sample.Elapsed >= phases.LoadEnd).ToList();
        var segments = PhaseSegments.UnderLoad(samples, timeline.Exits, phases, options);

        var byWorkingSet = samples.Any(sample => sample.WorkingSetBytes is not null);
        var memoryName = byWorkingSet ? "working set" : "RSS";
        Func<TargetSample, long?> memoryOf = byWorkingSet ? sample => sample.WorkingSetBytes : sample => sample.Up ? sample.RssBytes : null;
        var baselineRss = MedianOf(baseline, memoryOf, upOnly: false);
        var cooldownRss = MedianOf(settled, memoryOf, upOnly: false);
        var baselineWorkers = MedianOf(baseline, sample => sample.WorkersInflight);
        var cooldownWorkers = MedianOf(settled, sample => sample.WorkersInflight);

        var workers = PhaseSegments.Slope(segments, sample => sample.WorkersInflight, options.MinSegmentSamples);
        var residualWorkers = cooldownWorkers - (baselineWorkers ?? 0);
        if (residualWorkers >= options.MinResidualWorkers)
        {
            decisive.Add(Invariant($"{NumberFormat.Count(cooldownWorkers)} workers still in flight after cooldown vs {NumberFormat.Count(baselineWorkers ?? 0)} at baseline"));
            kinds.Add(LeakKind.Workers);
        }
        else if (workers is { } w && w.Slope >= options.MinWorkersSlopePerSecond && settled.Count == 0)
        {
            decisive.Add(Invariant($"workers in flight grew {NumberFormat.PerSecond(w.Slope)} under load (no cooldown to check they return)"));
            kinds.Add(LeakKind.Workers);
        }
        else if (cooldownWorkers is not null)
        {
            supporting.Add(Invariant($"workers in flight back to {NumberFormat.Count(cooldownWorkers)} after cooldown (baseline {NumberFormat.Count(baselineWorkers ?? 0)})"));
        }

        var memory = PhaseSegments.Slope(segments, memoryOf, options.MinSegmentSamples);
        var limit = timeline.LimitBytes ?? MedianOf(samples, sample => sample.LimitBytes);
        TimeSpan? projected = null;
        if (memory is { } m)
        {
            var growth = m.Slope * m.Span.TotalSeconds;
            var growthFraction = m.StartLevel > 0 ? growth / m.StartLevel : 0;
            var residual = cooldownRss - baselineRss;
            var kept = settled.Count == 0 || residual is null || residual >= options.MinResidualMemoryFraction * growth;
            var described = Invariant($"{memoryName} {ByteFormat.Rate(m.Slope)} under load (Theil–Sen, {m.Basis}), {NumberFormat.Percent(growthFraction)} over {DurationFormat.Human(m.Span)}");
            if (m.Slope >= options.MinMemorySlopeBytesPerSecond && growthFraction >= options.MinMemoryGrowthFraction && kept)
            {
                decisive.Add(described + (settled.Count == 0 ? "" : Invariant($"; {ByteFormat.Human(cooldownRss)} after cooldown vs {ByteFormat.Human(baselineRss)} baseline")));
                kinds.Add(LeakKind.Memory);
            }
            else
            {
                supporting.Add(described + (kept ? "" : Invariant($", but back to {ByteFormat.Human(cooldownRss)} after cooldown (baseline {ByteFormat.Human(baselineRss)}): a spike, not a leak")));
            }

            if (limit is > 0 && m.Slope >= options.MinMemorySlopeBytesPerSecond)
            {
                projected = TimeSpan.FromSeconds(Math.Max(0, (limit.Value - m.StartLevel) / m.Slope));
            }
        }
        else
        {
            supporting.Add($"too few samples under load to measure a {memoryName} slope");
        }

        // Only without restarts: across one the range runs from an emptied cgroup to the limit and means nothing.
        var band = unplanned.Count == 0 ? MemoryBand.Of(samples, phases, memoryOf) : null;
        if (band is not null)
        {
            supporting.Add(band.Describe(memoryName));
        }

        var lifetimes = TimeToLimit.Observed(timeline.Exits, phases);
        var timeToLimit = TimeToLimit.Judge(projected, limit, lifetimes);
        if (timeToLimit.Text is { } timeToLimitText)
        {
            supporting.Add(timeToLimitText);
        }

        if (SampleGaps.Describe(samples) is { } gaps)
        {
            supporting.Add(gaps);
        }

        foreach (var finding in RuntimeSignals.Judge(samples, phases, options))
        {
            (finding.Decisive ? decisive : supporting).Add(finding.Text);
            if (finding.Decisive)
            {
                kinds.Add(finding.Kind);
            }
        }

        return new TargetVerdict(
            timeline.Name,
            decisive.Count > 0 ? VerdictOutcome.Leak : VerdictOutcome.Flat,
            [.. decisive, .. supporting],
            unplanned.Count,
            timeline.Exits,
            memory?.Slope,
            workers?.Slope,
            baselineRss,
            cooldownRss,
            baselineWorkers,
            cooldownWorkers,
            limit,
            timeToLimit.Value)
        {
            ObservedLifetimes = lifetimes,
            LoadBand = band,
            TimeToLimitBasis = timeToLimit.Basis,
            MissingSamples = SampleGaps.Count(samples).Missing,
            SampleCount = samples.Count,
            Kinds = kinds.Distinct().ToList(),
            MemoryBasis = memoryName,
        };
    }

    private static long? MedianOf(IEnumerable<TargetSample> samples, Func<TargetSample, long?> value, bool upOnly = true)
    {
        var values = samples.Where(sample => sample.Up || !upOnly).Select(value).OfType<long>().Select(v => (double)v).ToList();
        return values.Count == 0 ? null : (long)Math.Round(TheilSen.Median(values));
    }

    private static string Describe(IReadOnlyList<ExitRecord> exits)
    {
        var shown = exits.Take(6).Select(exit => Invariant($"{exit.Reason.Text()} at {exit.Elapsed.TotalSeconds:0}s"));
        return string.Join(", ", shown) + (exits.Count > 6 ? ", …" : "");
    }
}
