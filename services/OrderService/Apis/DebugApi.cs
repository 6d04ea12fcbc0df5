using System.Globalization;
using System.Runtime;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderLeakLab.OrderService.Hosting;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Apis;

/// <summary>
/// DebugApi maps the admin-only endpoints: <c>GET /debug/workers</c> (in-flight workers grouped by where they are
/// parked, the layout of Go's <c>/debug/pprof/goroutine?debug=1</c>; <c>?format=json</c>) and <c>POST /debug/gc</c>.
/// On a public listener they answer 404.
/// </summary>
public static class DebugApi
{
    /// <summary>Maps the debug endpoints on the admin listener.</summary>
    public static RouteGroupBuilder MapDebugApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/debug").AddEndpointFilter(async (context, next) =>
            ListenerSetup.IsAdmin(context.HttpContext) ? await next(context) : TypedResults.NotFound());
        api.MapGet("/workers", GetWorkers);
        api.MapPost("/gc", CollectGarbage);
        return api;
    }

    /// <summary>The in-flight workers, largest group first, as text or (<c>?format=json</c>) JSON.</summary>
    public static Results<ContentHttpResult, JsonHttpResult<WorkersReport>> GetWorkers(WorkerRegistry registry, string? format)
    {
        var groups = registry.Snapshot();
        var report = new WorkersReport(groups.Sum(g => g.Count), groups);
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Json(report);
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"workers profile: total {report.Total}\n");
        foreach (var group in groups)
        {
            text.Append(CultureInfo.InvariantCulture, $"{group.Count} @ oldest {group.OldestAgeSeconds:0.000}s\n");
            text.Append(CultureInfo.InvariantCulture, $"#\t{group.Method}\tawaiting {group.Awaiting}\n\n");
        }

        return TypedResults.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    /// <summary>
    /// Forces a full, blocking, compacting collection (large object heap included), runs the finalizers, then an
    /// aggressive one, which also gives the memory it freed back to the operating system (the GC otherwise keeps freed
    /// segments committed for later), and reports the managed heap before and after: what is left is what something
    /// still references, and the working set after it is what the process still needs.
    /// </summary>
    public static Ok<GcReport> CollectGarbage(WorkerRegistry registry)
    {
        var before = GC.GetTotalMemory(forceFullCollection: false);
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetTotalMemory(forceFullCollection: false);
        return TypedResults.Ok(new GcReport(before, after, registry.Count, GC.CollectionCount(2), Timer.ActiveCount, ThreadPool.ThreadCount));
    }
}
