using Microsoft.AspNetCore.Http.HttpResults;

namespace OrderLeakLab.OrderService.Apis;

/// <summary>HealthApi maps <c>GET /healthz</c> (alive) and <c>GET /readyz</c> (started and not stopping).</summary>
public static class HealthApi
{
    /// <summary>Maps the health endpoints.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        app.MapGet("/readyz", Ready);
        return app;
    }

    /// <summary>200 once the server has started, 503 before that and while stopping.</summary>
    public static Results<ContentHttpResult, ProblemHttpResult> Ready(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested
            ? TypedResults.Text("ready")
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
}
