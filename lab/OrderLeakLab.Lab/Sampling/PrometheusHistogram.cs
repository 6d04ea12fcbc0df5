namespace OrderLeakLab.Lab.Sampling;

/// <summary>
/// PrometheusHistogram is one labelled series of a histogram family: cumulative buckets ordered by upper bound
/// (the last is <c>+Inf</c>), sum and count.
/// </summary>
/// <param name="Buckets">Upper bound (<c>le</c>) and cumulative count, ascending.</param>
/// <param name="Sum">The <c>_sum</c> sample.</param>
/// <param name="Count">The <c>_count</c> sample.</param>
public sealed record PrometheusHistogram(IReadOnlyList<(double UpperBound, double Count)> Buckets, double Sum, double Count)
{
    /// <summary>
    /// Estimates the <paramref name="quantile"/> (0–1) by linear interpolation inside the bucket that holds it,
    /// as PromQL's <c>histogram_quantile</c> does; null for an empty histogram.
    /// </summary>
    public double? Quantile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        if (Buckets.Count == 0 || Buckets[^1].Count <= 0)
        {
            return null;
        }

        var rank = quantile * Buckets[^1].Count;
        double lowerBound = 0, lowerCount = 0;
        foreach (var (upper, count) in Buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(upper))
                {
                    return lowerBound; // PromQL answers the highest finite bound here.
                }

                var inBucket = count - lowerCount;
                return inBucket <= 0 ? upper : lowerBound + ((upper - lowerBound) * (rank - lowerCount) / inBucket);
            }

            lowerBound = upper;
            lowerCount = count;
        }

        return lowerBound;
    }
}
