using System.Globalization;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// MemoryFlatness judges a container's working set after warm-up by the lab's own memory-growth rule
/// (<see cref="VerdictEvaluator"/>): a Theil–Sen line through the samples, and growth only when its slope reaches
/// <see cref="VerdictOptions.MinMemorySlopeBytesPerSecond"/> (64 KiB/s) AND the growth it draws over the window
/// reaches <see cref="VerdictOptions.MinMemoryGrowthFraction"/> (20%) of the fitted level at the window's start.
/// Why not "within ±15% of the median": under <c>DOTNET_GCHeapHardLimit</c> a healthy service's working set is a GC
/// sawtooth (one fixed container measured 101.4–137.4 MiB, +35% peak to trough, with nothing growing); a band
/// judges the sawtooth's height, the slope judges whether memory goes anywhere. Limits: over a 90 s window the
/// rule sees growth of ≥ 20% of the level (~0.25 MiB/s at 110 MiB; the leaky variant grows ~3 MiB/s); a slower
/// leak needs a longer window. The band, the median and the lowest sample of each half (the post-GC floor, which
/// rises under a leak) are reported beside the verdict.
/// </summary>
internal sealed record MemoryFlatness(
    double SlopeBytesPerSecond, double StartLevelBytes, TimeSpan Span, int Samples, long MinBytes, long MaxBytes, long MedianBytes,
    long FirstHalfFloorBytes, long SecondHalfFloorBytes)
{
    private static readonly VerdictOptions Rule = new();

    /// <summary>The growth the fitted line draws over the window, as a fraction of its level at the start.</summary>
    public double GrowthFraction => StartLevelBytes > 0 ? SlopeBytesPerSecond * Span.TotalSeconds / StartLevelBytes : 0;

    /// <summary>True when the lab would call this memory growth (both thresholds reached).</summary>
    public bool Grows => SlopeBytesPerSecond >= Rule.MinMemorySlopeBytesPerSecond && GrowthFraction >= Rule.MinMemoryGrowthFraction;

    /// <summary>Fits the samples (time since any fixed start, bytes); null with fewer than two distinct times.</summary>
    public static MemoryFlatness? Judge(IReadOnlyList<(TimeSpan At, long Bytes)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var points = samples.OrderBy(s => s.At).Select(s => (X: s.At.TotalSeconds, Y: (double)s.Bytes)).ToList();
        if (TheilSen.Fit(points) is not { } fit)
        {
            return null;
        }

        var bytes = samples.Select(s => s.Bytes).ToList();
        var half = points.Count / 2;
        return new MemoryFlatness(
            fit.Slope, fit.Intercept + (fit.Slope * points[0].X), TimeSpan.FromSeconds(points[^1].X - points[0].X), points.Count,
            bytes.Min(), bytes.Max(), (long)TheilSen.Median(bytes.Select(b => (double)b).ToList()),
            (long)points.Take(Math.Max(1, half)).Min(p => p.Y), (long)points.Skip(half).Min(p => p.Y));
    }

    /// <summary>The rule, its figures and its verdict in one line.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Grows ? "GROWS" : "flat")} by the lab's rule (Theil–Sen slope ≥ {Rule.MinMemorySlopeBytesPerSecond / 1024:0} KiB/s and growth ≥ {Rule.MinMemoryGrowthFraction:0%} of the start level): "
        + $"slope {SlopeBytesPerSecond / 1024:+0.0;-0.0} KiB/s, {GrowthFraction:+0.0%;-0.0%} over {Span.TotalSeconds:0} s ({Samples} samples); "
        + $"band {Mib(MinBytes)}–{Mib(MaxBytes)} MiB, median {Mib(MedianBytes)} MiB, floor {Mib(FirstHalfFloorBytes)} → {Mib(SecondHalfFloorBytes)} MiB (first → second half)");

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
