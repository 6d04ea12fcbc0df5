using System.Numerics;

namespace OrderLeakLab.Load.Stats;

/// <summary>
/// LatencyHistogram counts microsecond values in log buckets (HDR-like): values below 256 µs are exact, above
/// that every power of two is split into 128 buckets, so a reported percentile is within 0.4% of a recorded
/// value (half a bucket). Values above ~25 days are clamped. Fixed 35 KiB, no allocation per record.
/// Not thread-safe: the engine records under its own lock.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int ExactBelow = 2 * SubBuckets;
    private const int MaxMsb = 40;
    private const int BucketCount = ExactBelow + (MaxMsb - SubBucketBits) * SubBuckets;
    private const long MaxTrackable = (1L << (MaxMsb + 1)) - 1;

    private readonly long[] _counts = new long[BucketCount];
    private double _sum;

    /// <summary>How many values were recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The smallest recorded value in µs (0 when empty).</summary>
    public long Min { get; private set; }

    /// <summary>The largest recorded value in µs (0 when empty).</summary>
    public long Max { get; private set; }

    /// <summary>The mean of recorded values in µs (0 when empty).</summary>
    public double Mean => Count == 0 ? 0 : _sum / Count;

    /// <summary>Records a duration (negative durations count as 0).</summary>
    public void Record(TimeSpan value) => RecordMicroseconds(value.Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>Records a value in microseconds (negative counts as 0).</summary>
    public void RecordMicroseconds(long microseconds)
    {
        var value = Math.Clamp(microseconds, 0, MaxTrackable);
        _counts[IndexOf(value)]++;
        Min = Count == 0 ? value : Math.Min(Min, value);
        Max = Math.Max(Max, value);
        _sum += value;
        Count++;
    }

    /// <summary>
    /// The value at percentile <paramref name="percentile"/> (0–100] in µs: the bucket holding the
    /// ⌈p·n/100⌉-th smallest value, reported at its midpoint and clamped to [Min, Max]. 0 when empty.
    /// </summary>
    public double ValueAtPercentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(Midpoint(i), Min, Max);
            }
        }

        return Max;
    }

    /// <summary>Adds every value recorded in <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        _sum += other._sum;
        Count += other.Count;
    }

    /// <summary>Forgets every recorded value.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
        Min = 0;
        Max = 0;
        _sum = 0;
    }

    /// <summary>p50/p75/p95/p99/max/mean of this histogram, in milliseconds.</summary>
    public LatencySummary Summarize() => Count == 0
        ? LatencySummary.Empty
        : new LatencySummary(
            ValueAtPercentile(50) / 1000, ValueAtPercentile(75) / 1000, ValueAtPercentile(95) / 1000,
            ValueAtPercentile(99) / 1000, Max / 1000.0, Mean / 1000);

    internal static int IndexOf(long value)
    {
        if (value < ExactBelow)
        {
            return (int)value;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = msb - SubBucketBits;
        var mantissa = (int)(value >> shift);
        return ExactBelow + (msb - SubBucketBits - 1) * SubBuckets + (mantissa - SubBuckets);
    }

    internal static double Midpoint(int index)
    {
        if (index < ExactBelow)
        {
            return index;
        }

        var octave = (index - ExactBelow) / SubBuckets;
        var shift = octave + 1;
        long mantissa = SubBuckets + (index - ExactBelow) % SubBuckets;
        var lower = mantissa << shift;
        return lower + ((1L << shift) - 1) / 2.0;
    }
}
