namespace OrderLeakLab.Lab.Model;

/// <summary>
/// SampleGaps finds the ticks where a target's <c>/metrics</c> (or its process) did not answer: how many, and the spans
/// they form, so every chart can shade them and every verdict can say how much of the run it could not see.
/// </summary>
public static class SampleGaps
{
    /// <summary>Missing samples (not up) of all samples, and how many of the missing ones had no process running.</summary>
    public static (int Missing, int Total, int WhileDown) Count(IReadOnlyList<TargetSample> samples) =>
        (samples.Count(s => !s.Up), samples.Count, samples.Count(s => !s.Up && s.RssBytes is null && s.WorkingSetBytes is null));

    /// <summary>
    /// Runs of consecutive missing samples as spans: from the first missing tick to the next answered one (or the last
    /// tick), with how many samples each covers.
    /// </summary>
    public static IReadOnlyList<(TimeSpan From, TimeSpan To, int Samples)> Spans(IReadOnlyList<TargetSample> samples)
    {
        var spans = new List<(TimeSpan, TimeSpan, int)>();
        for (var i = 0; i < samples.Count; i++)
        {
            if (samples[i].Up)
            {
                continue;
            }

            var start = i;
            while (i + 1 < samples.Count && !samples[i + 1].Up)
            {
                i++;
            }

            var to = i + 1 < samples.Count ? samples[i + 1].Elapsed : samples[i].Elapsed;
            spans.Add((samples[start].Elapsed, to, i - start + 1));
        }

        return spans;
    }

    /// <summary>"82 of 147 samples missing: /metrics did not answer (12 while the process was down)", or null when none is.</summary>
    public static string? Describe(IReadOnlyList<TargetSample> samples)
    {
        var (missing, total, down) = Count(samples);
        return missing == 0 ? null
            : $"{missing} of {total} samples missing: /metrics did not answer{(down > 0 ? $" ({down} while the process was down)" : "")}";
    }
}
