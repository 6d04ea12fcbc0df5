using System.Diagnostics.Metrics;
using System.Text;

namespace OrderLeakLab.OrderService.Metrics;

/// <summary>
/// PrometheusExporter listens (<see cref="MeterListener"/>) to our meters, the runtime's <c>System.Runtime</c>
/// meter and ASP.NET Core's meters, aggregates in memory, and writes the Prometheus text format 0.0.4 on scrape.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>Meters exported: ours (prefix <c>OrderLeakLab.</c>) and these.</summary>
    public static readonly IReadOnlyList<string> ForeignMeters = ["System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    private readonly MeterListener _listener = new();
    private readonly List<MetricSeries> _series = [];
    private readonly Lock _scrape = new();

    /// <summary>Starts listening; instruments published earlier and later are both picked up.</summary>
    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!instrument.Meter.Name.StartsWith("OrderLeakLab.", StringComparison.Ordinal) && !ForeignMeters.Contains(instrument.Meter.Name))
            {
                return;
            }

            var series = new MetricSeries(instrument);
            lock (_series)
            {
                _series.Add(series);
            }

            listener.EnableMeasurementEvents(instrument, series);
        };
        _listener.MeasurementsCompleted = (_, state) =>
        {
            lock (_series)
            {
                _series.Remove((MetricSeries)state!);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((MetricSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((MetricSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((MetricSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((MetricSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, state) => ((MetricSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => ((MetricSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => ((MetricSeries)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Collects the observable instruments and returns the whole exposition.</summary>
    public string Scrape()
    {
        lock (_scrape)
        {
            MetricSeries[] all;
            lock (_series)
            {
                all = [.. _series];
            }

            foreach (var series in all.Where(s => s.IsObservable))
            {
                series.Reset();
            }

            _listener.RecordObservableInstruments();
            var output = new StringBuilder(32 * 1024);
            // One HELP/TYPE per name: instruments that map to the same name and type share a family;
            // a later one of another type is dropped rather than break the exposition.
            foreach (var family in all.Where(s => s.HasSamples).GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = family.First();
                output.Append("# HELP ").Append(family.Key).Append(' ').Append(PrometheusFormat.EscapeHelp(first.Help)).Append('\n');
                output.Append("# TYPE ").Append(family.Key).Append(' ').Append(first.Type).Append('\n');
                foreach (var series in family.Where(s => s.Type == first.Type))
                {
                    series.WriteSamples(output);
                }
            }

            return output.ToString();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
