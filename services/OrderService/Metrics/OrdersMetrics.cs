using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Metrics;

/// <summary>
/// OrdersMetrics owns the domain instruments (meter <c>OrderLeakLab.Orders</c>). Instrument names are already
/// Prometheus names, so the exposition shows them unchanged (counters gain <c>_total</c>).
/// </summary>
public sealed class OrdersMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "OrderLeakLab.Orders";

    private readonly KeyValuePair<string, object?> _variant;
    private readonly Counter<long> _started;
    private readonly Counter<long> _exited;
    private readonly UpDownCounter<long> _inflight;
    private readonly Counter<long> _requests;

    /// <summary>Creates the instruments for the configured variant.</summary>
    public OrdersMetrics(IMeterFactory meters, IOptions<OrdersOptions> options, MemoryLimitReader memoryLimit)
    {
        var meter = meters.Create(MeterName);
        _variant = new("variant", options.Value.VariantName);
        _inflight = meter.CreateUpDownCounter<long>("orders_workers_inflight", description: "Background workers in flight (the leak signal).");
        _started = meter.CreateCounter<long>("orders_workers_started", description: "Background workers started.");
        _exited = meter.CreateCounter<long>("orders_workers_exited", description: "Background workers exited, by reason (delivered, cancelled, failed).");
        _requests = meter.CreateCounter<long>("orders_requests", description: "Orders answered, by outcome (confirmed, timed_out, rejected).");
        meter.CreateObservableGauge("orders_memory_limit_bytes", () => memoryLimit.Read().Bytes, description: "Memory limit the process runs under (cgroup or GC limit).");
        var version = typeof(OrdersMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var build = new[] { _variant, new KeyValuePair<string, object?>("version", version.Split('+')[0]) };
        meter.CreateObservableGauge("orders_build_info", () => new Measurement<int>(1, build), description: "Build information; always 1.");
        // Zero-valued series from the start, so rate() and dashboards see every label set before the first event.
        _inflight.Add(0, _variant);
        _started.Add(0, _variant);
        foreach (var reason in new[] { "delivered", "cancelled", "failed" })
        {
            _exited.Add(0, _variant, new("reason", reason));
        }

        foreach (var outcome in new[] { "confirmed", "timed_out", "rejected" })
        {
            _requests.Add(0, _variant, new("outcome", outcome));
        }
    }

    /// <summary>Counts a started worker.</summary>
    public void WorkerStarted()
    {
        _started.Add(1, _variant);
        _inflight.Add(1, _variant);
    }

    /// <summary>Counts an exited worker with its <paramref name="reason"/>.</summary>
    public void WorkerExited(string reason)
    {
        _exited.Add(1, _variant, new("reason", reason));
        _inflight.Add(-1, _variant);
    }

    /// <summary>Counts an answered order with its <paramref name="outcome"/>.</summary>
    public void Request(string outcome) => _requests.Add(1, _variant, new("outcome", outcome));
}
