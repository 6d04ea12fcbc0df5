using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace OrderLeakLab.OrderService.Metrics;

/// <summary>
/// HttpMetricsMiddleware records prometheus-net's HTTP metrics (meter <c>OrderLeakLab.Http</c>):
/// <c>http_requests_received_total</c>, <c>http_request_duration_seconds</c>, <c>http_requests_in_progress</c>,
/// labelled with the route pattern as <c>endpoint</c>. It runs after routing so the endpoint is known.
/// </summary>
public sealed class HttpMetricsMiddleware
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "OrderLeakLab.Http";

    private static readonly double[] Buckets = [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192, 16.384, 32.768];

    private readonly RequestDelegate _next;
    private readonly TimeProvider _time;
    private readonly Counter<long> _received;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _inProgress;

    /// <summary>Creates the middleware and its instruments.</summary>
    public HttpMetricsMiddleware(RequestDelegate next, IMeterFactory meters, TimeProvider time)
    {
        (_next, _time) = (next, time);
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("http_requests_received", description: "Provides the count of HTTP requests that have been processed by the ASP.NET Core pipeline.");
        _duration = meter.CreateHistogram("http_request_duration", unit: "s", description: "The duration of HTTP requests processed by an ASP.NET Core application.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _inProgress = meter.CreateUpDownCounter<long>("http_requests_in_progress", description: "The number of requests currently in progress in the ASP.NET Core pipeline.");
    }

    /// <summary>Runs the rest of the pipeline and records the request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        if (endpoint.Length > 1 && endpoint.EndsWith('/'))
        {
            endpoint = endpoint.TrimEnd('/');
        }

        var method = context.Request.Method;
        var progress = new TagList { { "method", method }, { "endpoint", endpoint } };
        var started = _time.GetTimestamp();
        _inProgress.Add(1, progress);
        try
        {
            await _next(context);
        }
        finally
        {
            _inProgress.Add(-1, progress);
            var done = new TagList { { "code", context.Response.StatusCode.ToString(CultureInfo.InvariantCulture) }, { "method", method }, { "endpoint", endpoint } };
            _received.Add(1, done);
            _duration.Record(_time.GetElapsedTime(started).TotalSeconds, done);
        }
    }
}
