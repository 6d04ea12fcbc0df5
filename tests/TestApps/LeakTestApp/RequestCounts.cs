using System.Collections.Concurrent;

namespace OrderLeakLab.LeakTestApp;

/// <summary>
/// RequestCounts counts every request the app answered by <c>METHOD PATH STATUS</c> and serves the counts at
/// <c>GET /counts</c> (itself and <c>/healthz</c> not counted), so a test can check the proportions a load sent.
/// </summary>
public static class RequestCounts
{
    private static readonly ConcurrentDictionary<string, long> Counts = new();

    /// <summary>Counts every request and maps <c>GET /counts</c>.</summary>
    public static WebApplication UseRequestCounts(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            var path = context.Request.Path.Value ?? "";
            if (path is not ("/counts" or "/healthz"))
            {
                Counts.AddOrUpdate($"{context.Request.Method} {path} {context.Response.StatusCode}", 1, (_, n) => n + 1);
            }
        });
        app.MapGet("/counts", () => Results.Json(Counts.ToDictionary(p => p.Key, p => p.Value), CountsJson.Default.DictionaryStringInt64));
        return app;
    }
}
