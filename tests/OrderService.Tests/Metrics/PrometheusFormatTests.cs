using OrderLeakLab.OrderService.Metrics;

namespace OrderService.Tests.Metrics;

public class PrometheusFormatTests
{
    [Theory]
    [InlineData("http.server.request.duration", "http_server_request_duration")]
    [InlineData("dotnet.gc.last_collection.heap.size", "dotnet_gc_last_collection_heap_size")]
    [InlineData("9lives-metric", "_9lives_metric")]
    [InlineData("a..b", "a_b")]
    public void Sanitize_OtelName_PrometheusName(string name, string expected) =>
        Assert.Equal(expected, PrometheusFormat.Sanitize(name, allowColon: true));

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    public void FormatValue_SpecialAndPlain_SpecSpelling(double value, string expected) =>
        Assert.Equal(expected, PrometheusFormat.FormatValue(value));

    [Fact]
    public void Labels_Unsorted_SortedAndEscaped() =>
        Assert.Equal("a=\"x\\\"y\",b_c=\"1\"", PrometheusFormat.Labels([new("b.c", 1), new("a", "x\"y")]));
}
