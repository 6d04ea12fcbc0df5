using Prometheus;

namespace OrderLeakLab.OrderService.Apis;

/// <summary>
/// MetricsApi maps <c>GET /metrics</c>: prometheus-net's exposition of its default registry (text 0.0.4, or
/// OpenMetrics when the scraper asks for it).
/// </summary>
public static class MetricsApi
{
    /// <summary>Maps the metrics endpoint.</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapMetrics("/metrics");
        return app;
    }
}
