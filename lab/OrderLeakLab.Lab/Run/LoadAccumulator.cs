namespace OrderLeakLab.Lab.Run;

/// <summary>
/// LoadAccumulator collects the load engine's per-interval ticks for one target between two samples, so each
/// sample carries what the generator saw since the previous one (the two clocks are not aligned).
/// </summary>
internal sealed class LoadAccumulator
{
    private readonly Lock gate = new();
    private double sent;
    private long ok, timedOut, errors, intervals;
    private double? p99;

    public void Add(LoadTick tick)
    {
        lock (gate)
        {
            sent += tick.SentPerSecond;
            intervals++;
            ok += tick.Ok;
            timedOut += tick.TimedOut;
            errors += tick.Errors;
            if (tick.P99Ms is { } p)
            {
                p99 = Math.Max(p99 ?? 0, p); // The worst interval's p99 in the span: never hide a slow second.
            }
        }
    }

    /// <summary>Returns and resets the span's totals; the rate is the mean of the intervals' rates.</summary>
    public (double SentPerSecond, long Ok, long TimedOut, long Errors, double? P99Ms) Drain()
    {
        lock (gate)
        {
            var result = (intervals > 0 ? sent / intervals : 0, ok, timedOut, errors, p99);
            (sent, ok, timedOut, errors, intervals, p99) = (0, 0, 0, 0, 0, null);
            return result;
        }
    }
}
