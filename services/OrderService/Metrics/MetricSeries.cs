using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace OrderLeakLab.OrderService.Metrics;

/// <summary>
/// MetricSeries aggregates one instrument's measurements per label set: sums for counters and up-down
/// counters, the last value for gauges and observable instruments, buckets for histograms.
/// </summary>
internal sealed class MetricSeries
{
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly ConcurrentDictionary<string, Cell> _cells = new(StringComparer.Ordinal);
    private readonly bool _keepLast;
    private readonly double[] _buckets = [];

    // The runtime declares these as ObservableCounter although they go up and down; exported as counters,
    // every drop would read as a counter reset. They are gauges, under the names OpenTelemetry's semantic
    // conventions give them (dotnet_thread_pool_thread_count, dotnet_thread_pool_queue_length).
    private static readonly HashSet<string> RuntimeGaugesDeclaredAsCounters = ["dotnet.thread_pool.thread.count", "dotnet.thread_pool.queue.length"];

    public MetricSeries(Instrument instrument)
    {
        var definition = instrument.GetType().GetGenericTypeDefinition();
        var monotonic = (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
            && !(instrument.Meter.Name == "System.Runtime" && RuntimeGaugesDeclaredAsCounters.Contains(instrument.Name));
        IsHistogram = definition == typeof(Histogram<>);
        Type = IsHistogram ? "histogram" : monotonic ? "counter" : "gauge";
        Name = PrometheusFormat.MetricName(instrument, monotonic);
        Help = string.IsNullOrWhiteSpace(instrument.Description) ? $"{instrument.Meter.Name} {instrument.Name}" : instrument.Description;
        IsObservable = instrument.IsObservable;
        _keepLast = instrument.IsObservable || definition == typeof(Gauge<>);
        if (IsHistogram)
        {
            _buckets = (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries?.ToArray()
                ?? (instrument as Histogram<long>)?.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray()
                ?? (instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets);
        }
    }

    public string Name { get; }

    public string Type { get; }

    public string Help { get; }

    public bool IsHistogram { get; }

    public bool IsObservable { get; }

    /// <summary>Observable instruments report afresh on every scrape; stale label sets must go.</summary>
    public void Reset() => _cells.Clear();

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var cell = _cells.GetOrAdd(PrometheusFormat.Labels(tags), _ => new Cell(_buckets.Length));
        lock (cell)
        {
            if (IsHistogram)
            {
                var i = 0;
                while (i < _buckets.Length && value > _buckets[i])
                {
                    i++;
                }

                cell.Buckets[i]++;
                cell.Count++;
                cell.Value += value;
            }
            else
            {
                cell.Value = _keepLast ? value : cell.Value + value;
            }
        }
    }

    public void WriteSamples(StringBuilder output)
    {
        foreach (var (labels, cell) in _cells.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            lock (cell)
            {
                if (!IsHistogram)
                {
                    Sample(output, Name, labels, cell.Value);
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i < _buckets.Length; i++)
                {
                    cumulative += cell.Buckets[i];
                    Sample(output, Name + "_bucket", With(labels, $"le=\"{PrometheusFormat.FormatValue(_buckets[i])}\""), cumulative);
                }

                Sample(output, Name + "_bucket", With(labels, "le=\"+Inf\""), cell.Count);
                Sample(output, Name + "_sum", labels, cell.Value);
                Sample(output, Name + "_count", labels, cell.Count);
            }
        }
    }

    public bool HasSamples => !_cells.IsEmpty;

    private static string With(string labels, string label) => labels.Length == 0 ? label : labels + "," + label;

    private static void Sample(StringBuilder output, string name, string labels, double value)
    {
        output.Append(name);
        if (labels.Length > 0)
        {
            output.Append('{').Append(labels).Append('}');
        }

        output.Append(' ').Append(PrometheusFormat.FormatValue(value)).Append('\n');
    }

    private sealed class Cell(int buckets)
    {
        public double Value;
        public long Count;
        public readonly long[] Buckets = new long[buckets + 1];
    }
}
