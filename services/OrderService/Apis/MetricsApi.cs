using OrderLeakLab.OrderService.Metrics;

namespace OrderLeakLab.OrderService.Apis;

/// <summary>MetricsApi maps <c>GET /metrics</c>: the Prometheus text format 0.0.4.</summary>
public static class MetricsApi
{
    /// <summary>Maps the metrics endpoint.</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (PrometheusExporter exporter) => TypedResults.Text(exporter.Scrape(), PrometheusFormat.ContentType));
        return app;
    }
}
