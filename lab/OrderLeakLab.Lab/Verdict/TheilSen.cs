namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// TheilSen fits a line robustly: the slope is the median of the slopes between every pair of points, so up to
/// ~29% of the points can be outliers (a GC, a spike, a stalled scrape) without moving it.
/// </summary>
public static class TheilSen
{
    /// <summary>Above this many points the fit uses an evenly spaced subset (the pair count grows as n²).</summary>
    public const int MaxPoints = 400;

    /// <summary>The fitted slope and intercept (y = Intercept + Slope·x); null with fewer than two distinct x.</summary>
    public static (double Slope, double Intercept)? Fit(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var used = Thin(points);
        var slopes = new List<double>(used.Count * (used.Count - 1) / 2);
        for (var i = 0; i < used.Count; i++)
        {
            for (var j = i + 1; j < used.Count; j++)
            {
                var dx = used[j].X - used[i].X;
                if (dx != 0)
                {
                    slopes.Add((used[j].Y - used[i].Y) / dx);
                }
            }
        }

        if (slopes.Count == 0)
        {
            return null;
        }

        var slope = Median(slopes);
        var intercept = Median(used.Select(point => point.Y - (slope * point.X)).ToList());
        return (slope, intercept);
    }

    /// <summary>The median of a non-empty list (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("median of an empty list", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static IReadOnlyList<(double X, double Y)> Thin(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count <= MaxPoints)
        {
            return points;
        }

        var step = (double)(points.Count - 1) / (MaxPoints - 1);
        return Enumerable.Range(0, MaxPoints).Select(i => points[(int)Math.Round(i * step)]).ToList();
    }
}
