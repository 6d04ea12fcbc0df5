using OrderLeakLab.Lab.Sampling;

namespace OrderLeakLab.Lab.Tests.Sampling;

public class PrometheusTextParserTests
{
    private const string Exposition = """
        # HELP orders_workers_inflight Background workers in flight.\nOne per parked order.
        # TYPE orders_workers_inflight gauge
        orders_workers_inflight{variant="leaky"} 12345
        # A plain comment that is ignored.
        # HELP process_working_set_bytes Resident set size with a back\\slash.
        # TYPE process_working_set_bytes gauge
        process_working_set_bytes 1.2582912e+08 1700000000000

        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{code="200",method="POST",endpoint="/orders",le="0.1"} 10
        http_request_duration_seconds_bucket{code="200",method="POST",endpoint="/orders",le="0.5"} 90
        http_request_duration_seconds_bucket{code="200",method="POST",endpoint="/orders",le="1"} 100
        http_request_duration_seconds_bucket{code="200",method="POST",endpoint="/orders",le="+Inf"} 100
        http_request_duration_seconds_sum{code="200",method="POST",endpoint="/orders"} 31.5
        http_request_duration_seconds_count{code="200",method="POST",endpoint="/orders"} 100
        # TYPE odd gauge
        odd{path="C:\\tmp\\x",quote="say \"hi\"",nl="a\nb",} NaN
        # TYPE neg gauge
        neg -Inf
        """;

    [Fact]
    public void Parse_HelpAndType_AreUnescapedAndRecorded()
    {
        var scrape = PrometheusTextParser.Parse(Exposition);
        var family = scrape.Family("orders_workers_inflight")!;
        Assert.Equal(PrometheusMetricType.Gauge, family.Type);
        Assert.Equal("Background workers in flight.\nOne per parked order.", family.Help);
        Assert.Equal("Resident set size with a back\\slash.", scrape.Family("process_working_set_bytes")!.Help);
    }

    [Fact]
    public void Parse_LabelsWithEscapesAndTrailingComma_AreUnescaped()
    {
        var sample = Assert.Single(PrometheusTextParser.Parse(Exposition).Samples("odd"));
        Assert.Equal("C:\\tmp\\x", sample.Label("path"));
        Assert.Equal("say \"hi\"", sample.Label("quote"));
        Assert.Equal("a\nb", sample.Label("nl"));
        Assert.True(double.IsNaN(sample.Value));
    }

    [Fact]
    public void Parse_ValuesTimestampsAndInfinities_AreRead()
    {
        var scrape = PrometheusTextParser.Parse(Exposition);
        var rss = Assert.Single(scrape.Samples("process_working_set_bytes"));
        Assert.Equal(125_829_120d, rss.Value);
        Assert.Equal(1_700_000_000_000, rss.TimestampMs);
        Assert.Equal(12345d, scrape.Value("orders_workers_inflight", new Dictionary<string, string> { ["variant"] = "leaky" }));
        Assert.Null(scrape.Value("orders_workers_inflight", new Dictionary<string, string> { ["variant"] = "fixed" }));
        Assert.Equal(double.NegativeInfinity, scrape.Value("neg"));
    }

    [Fact]
    public void Parse_Histogram_GroupsBucketsSumAndCountUnderTheFamily()
    {
        var scrape = PrometheusTextParser.Parse(Exposition);
        var family = scrape.Family("http_request_duration_seconds")!;
        Assert.Equal(PrometheusMetricType.Histogram, family.Type);
        Assert.Equal(6, family.Samples.Count);
        Assert.Null(scrape.Family("http_request_duration_seconds_bucket"));
        Assert.Equal(100, scrape.Value("http_request_duration_seconds_count"));
        Assert.Equal(31.5, scrape.Value("http_request_duration_seconds_sum"));
    }

    [Theory]
    [InlineData("metric{a=\"1\" 2", 1)]
    [InlineData("ok 1\nmetric{a=1} 2", 2)]
    [InlineData("ok 1\n\nmetric abc", 3)]
    [InlineData("# TYPE x gauge\nx 1\n# TYPE x gauge", 3)]
    [InlineData("# TYPE x nonsense", 1)]
    [InlineData("metric{a=\"\\q\"} 1", 1)]
    public void Parse_MalformedLine_ThrowsNamingTheLine(string text, int line)
    {
        var exception = Assert.Throws<PrometheusFormatException>(() => PrometheusTextParser.Parse(text));
        Assert.Equal(line, exception.Line);
    }

    [Fact]
    public void FromScrape_ContractNames_FillTheReadingAndSumOverLabels()
    {
        var scrape = PrometheusTextParser.Parse("""
            process_working_set_bytes 100
            orders_memory_limit_bytes 268435456
            orders_workers_inflight{variant="leaky"} 7
            orders_workers_inflight{variant="other"} 3
            process_num_threads 21
            """);
        var reading = MetricsReading.FromScrape(scrape);
        Assert.Equal(new MetricsReading(true, 100, 268_435_456, 10, null, 21), reading);
    }
}
