using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrderLeakLab.Lab.Tests.Soak;

/// <summary>
/// A <see cref="LoopbackServer"/> that answers <c>POST /orders</c> and serves a <c>/metrics</c> page computed from
/// the time since its first order, so a test can script its memory and workers.
/// </summary>
internal sealed class FakeTarget : IAsyncDisposable
{
    private LoopbackServer server = null!;
    private long firstOrderTicks;
    private long lastOrderTicks;
    private long orders;

    public Uri BaseUrl => server.BaseAddress;

    public long Orders => Interlocked.Read(ref orders);

    /// <summary>Seconds since the first order (null before it), and seconds since the latest one.</summary>
    public (double? SinceFirst, double SinceLast) Clock()
    {
        var first = Interlocked.Read(ref firstOrderTicks);
        var now = Environment.TickCount64;
        return first == 0 ? (null, double.MaxValue) : ((now - first) / 1000.0, (now - Interlocked.Read(ref lastOrderTicks)) / 1000.0);
    }

    /// <summary>Starts the app; <paramref name="metrics"/> gives (RSS MiB, workers) for each scrape, or null for a 500.</summary>
    public static async Task<FakeTarget> StartAsync(Func<FakeTarget, (double RssMiB, long Workers)?> metrics, TimeSpan? metricsDelay = null)
    {
        var target = new FakeTarget();
        target.server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/orders", () =>
            {
                var now = Environment.TickCount64;
                Interlocked.CompareExchange(ref target.firstOrderTicks, now, 0);
                Interlocked.Exchange(ref target.lastOrderTicks, now);
                Interlocked.Increment(ref target.orders);
                return Results.Ok(new { status = "confirmed" });
            });
            app.MapGet("/metrics", async (HttpContext context) =>
            {
                if (metricsDelay is { } delay)
                {
                    await Task.Delay(delay, context.RequestAborted);
                }

                if (metrics(target) is not { } m)
                {
                    context.Response.StatusCode = 500;
                    return;
                }

                context.Response.ContentType = "text/plain; version=0.0.4";
                await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"""
                    # HELP process_working_set_bytes Resident set size.
                    # TYPE process_working_set_bytes gauge
                    process_working_set_bytes {(long)(m.RssMiB * 1024 * 1024)}
                    # TYPE orders_memory_limit_bytes gauge
                    orders_memory_limit_bytes 268435456
                    # TYPE orders_workers_inflight gauge
                    orders_workers_inflight{"{"}variant="fake"{"}"} {m.Workers}
                    # TYPE process_num_threads gauge
                    process_num_threads 12

                    """));
            });
        });
        return target;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
