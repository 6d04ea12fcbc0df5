using System.Globalization;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// MemoryFlatness judges a container's working set after warm-up by its post-GC floors: under
/// <c>DOTNET_GCHeapHardLimit</c> a healthy .NET service's working set is a sawtooth — it climbs ~0.2–0.7 MiB/s for
/// 80–100 s and a full GC gives 25–35% of it back at once (measured here: 103.8 → 135.6 → 97.5 MiB). Neither a
/// ±15% band (it judges the tooth's height) nor a line through the raw samples (over one tooth it is the tooth's
/// climb: +332.7 KiB/s, "+32.5%" in a run where nothing grew) says whether memory goes anywhere. What a leak moves is
/// the floor each full GC returns to. The rule: find the drops (the level falls ≥ <see cref="DropFraction"/> below
/// its peak since the last floor), take the lowest sample after each drop (before the next one), fit the
/// lab's Theil–Sen line through those floors and judge it by the lab's memory-growth thresholds
/// (<see cref="VerdictOptions"/>): growth when the slope reaches 64 KiB/s AND the floors rise by 20% of the first.
/// It needs two drops; with fewer it cannot judge (<see cref="Judge"/> returns null). Limits: two floors ~80 s apart
/// see a leak of ≥ 20% of the floor per 80 s (~0.25 MiB/s at 100 MiB; the leaky variant grows ~3 MiB/s).
/// </summary>
internal sealed record MemoryFlatness(
    IReadOnlyList<(TimeSpan At, long Bytes)> Floors, double SlopeBytesPerSecond, long MinBytes, long MaxBytes, long MedianBytes, int Samples, TimeSpan Span)
{
    /// <summary>The share of the level a full GC must give back at once to count as a drop: 10%.</summary>
    public const double DropFraction = 0.1;

    private static readonly VerdictOptions Rule = new();

    /// <summary>How much the fitted floors rise over their span, as a fraction of the first floor.</summary>
    public double GrowthFraction => Floors[0].Bytes > 0
        ? SlopeBytesPerSecond * (Floors[^1].At - Floors[0].At).TotalSeconds / Floors[0].Bytes
        : 0;

    /// <summary>True when the lab would call the floors' rise memory growth (both thresholds reached).</summary>
    public bool Grows => SlopeBytesPerSecond >= Rule.MinMemorySlopeBytesPerSecond && GrowthFraction >= Rule.MinMemoryGrowthFraction;

    /// <summary>The drops (full GCs giving memory back) in the samples so far.</summary>
    public static int Drops(IReadOnlyList<(TimeSpan At, long Bytes)> samples) => DropEnds(Sorted(samples)).Count;

    /// <summary>The floors' verdict; null while the samples hold fewer than two drops.</summary>
    public static MemoryFlatness? Judge(IReadOnlyList<(TimeSpan At, long Bytes)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = Sorted(samples);
        var ends = DropEnds(sorted);
        if (ends.Count < 2)
        {
            return null;
        }

        // The floor after each drop: the lowest sample from the drop's end up to the next drop (or the last sample).
        var floors = ends.Select((end, k) => sorted.Skip(end).Take((k + 1 < ends.Count ? ends[k + 1] : sorted.Count) - end).MinBy(s => s.Bytes)).ToList();
        var fit = TheilSen.Fit(floors.Select(f => (f.At.TotalSeconds, (double)f.Bytes)).ToList());
        var bytes = sorted.Select(s => (double)s.Bytes).ToList();
        return new MemoryFlatness(floors, fit?.Slope ?? 0, sorted.Min(s => s.Bytes), sorted.Max(s => s.Bytes), (long)TheilSen.Median(bytes),
            sorted.Count, sorted[^1].At - sorted[0].At);
    }

    /// <summary>The rule, its figures and its verdict in one line.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Grows ? "GROWS" : "flat")} by its post-GC floors (the lab's Theil–Sen rule on the floors: growth = slope ≥ {Rule.MinMemorySlopeBytesPerSecond / 1024:0} KiB/s "
        + $"and rise ≥ {Rule.MinMemoryGrowthFraction:0%} of the first floor): floors {string.Join(" → ", Floors.Select(f => $"{Mib(f.Bytes)} MiB at {f.At.TotalSeconds:0}s"))}, "
        + $"slope {SlopeBytesPerSecond / 1024:+0.0;-0.0} KiB/s, {GrowthFraction:+0.0%;-0.0%}; band {Mib(MinBytes)}–{Mib(MaxBytes)} MiB, median {Mib(MedianBytes)} MiB "
        + $"({Samples} samples over {Span.TotalSeconds:0} s)");

    /// <summary>The samples, one a line-free token each (time:MiB), for the test output.</summary>
    public static string Trace(IReadOnlyList<(TimeSpan At, long Bytes)> samples) =>
        string.Join(' ', Sorted(samples).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.At.TotalSeconds:0}:{Mib(s.Bytes)}")));

    private static List<(TimeSpan At, long Bytes)> Sorted(IReadOnlyList<(TimeSpan At, long Bytes)> samples) => samples.OrderBy(s => s.At).ToList();

    /// <summary>
    /// Where each drop was seen: the sample at which the level first stood ≥ <see cref="DropFraction"/> below the peak
    /// since the last floor. A next drop counts only after the level climbed ≥ <see cref="DropFraction"/> above the
    /// floor again, so one GC giving memory back over several samples (with a small rise between them) is one drop.
    /// </summary>
    private static List<int> DropEnds(List<(TimeSpan At, long Bytes)> sorted)
    {
        var ends = new List<int>();
        var (armed, peak, low) = (true, 0L, 0L);
        for (var i = 0; i < sorted.Count; i++)
        {
            var bytes = sorted[i].Bytes;
            if (armed)
            {
                peak = Math.Max(peak, bytes);
                if (bytes <= peak * (1 - DropFraction))
                {
                    ends.Add(i);
                    (armed, low) = (false, bytes);
                }
            }
            else
            {
                low = Math.Min(low, bytes);
                if (bytes >= low * (1 + DropFraction))
                {
                    (armed, peak) = (true, bytes);
                }
            }
        }

        return ends;
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
