using System.Diagnostics.Metrics;
using OrderLeakLab.OrderService.Metrics;
using OrderService.Tests.Fixtures;

namespace OrderService.Tests.Metrics;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly PrometheusExporter _exporter = new();
    private readonly Meter _meter = new($"OrderLeakLab.Tests.{Guid.NewGuid():N}");

    [Fact]
    public void Scrape_Histogram_WritesCumulativeBucketsInfSumAndCount()
    {
        var histogram = _meter.CreateHistogram("test.latency", unit: "s", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2] });
        foreach (var value in new[] { 0.5, 1.5, 3 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("route", "/x"));
        }

        var text = new PrometheusText(_exporter.Scrape());

        Assert.Equal("histogram", text.TypeOf("test_latency_seconds"));
        Assert.Equal(1, text.Value("test_latency_seconds_bucket", ("route", "/x"), ("le", "1")));
        Assert.Equal(2, text.Value("test_latency_seconds_bucket", ("route", "/x"), ("le", "2")));
        Assert.Equal(3, text.Value("test_latency_seconds_bucket", ("route", "/x"), ("le", "+Inf")));
        Assert.Equal(5, text.Value("test_latency_seconds_sum", ("route", "/x")));
        Assert.Equal(3, text.Value("test_latency_seconds_count", ("route", "/x")));
    }

    [Fact]
    public void Scrape_CounterAndUpDownCounter_SumAndNameByType()
    {
        var counter = _meter.CreateCounter<long>("test.requests", unit: "{request}");
        var upDown = _meter.CreateUpDownCounter<long>("test.active", unit: "{request}");
        counter.Add(2);
        counter.Add(3);
        upDown.Add(4);
        upDown.Add(-1);

        var text = new PrometheusText(_exporter.Scrape());

        Assert.Equal("counter", text.TypeOf("test_requests_total"));
        Assert.Equal(5, text.Value("test_requests_total"));
        Assert.Equal("gauge", text.TypeOf("test_active"));
        Assert.Equal(3, text.Value("test_active"));
    }

    [Fact]
    public void Scrape_LabelValueWithQuoteBackslashAndNewline_IsEscaped()
    {
        _meter.CreateCounter<long>("test.escaped", description: "line one\nback\\slash").Add(1, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));

        var text = _exporter.Scrape();

        Assert.Contains("test_escaped_total{path=\"a\\\"b\\\\c\\nd\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP test_escaped_total line one\\nback\\\\slash\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_ObservableGaugeWhoseLabelSetGoes_DropsTheStaleSeries()
    {
        var labels = new List<string> { "a", "b" };
        _meter.CreateObservableGauge("test.observed", () => labels.Select(l => new Measurement<int>(1, new KeyValuePair<string, object?>("l", l))).ToArray());
        _exporter.Scrape();
        labels.Remove("b");

        var text = new PrometheusText(_exporter.Scrape());

        Assert.Equal(1, text.Value("test_observed", ("l", "a")));
        Assert.Null(text.Value("test_observed", ("l", "b")));
    }

    public void Dispose()
    {
        _meter.Dispose();
        _exporter.Dispose();
    }
}
