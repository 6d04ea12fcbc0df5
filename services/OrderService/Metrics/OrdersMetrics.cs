using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;
using Prometheus;

namespace OrderLeakLab.OrderService.Metrics;

/// <summary>
/// OrdersMetrics owns the domain metrics (<c>orders_*</c>, the README's metrics table), created with prometheus-net
/// in the registry given. Every label set exists from the start at zero, so <c>rate()</c> and the
/// dashboards see each one before its first event.
/// </summary>
public sealed class OrdersMetrics
{
    private readonly Gauge.Child _inflight;
    private readonly Counter.Child _started;
    private readonly FrozenDictionary<string, Counter.Child> _exited;
    private readonly FrozenDictionary<string, Counter.Child> _requests;

    /// <summary>Creates the metrics for the configured variant and reads the memory limit before each collection.</summary>
    public OrdersMetrics(CollectorRegistry registry, IOptions<OrdersOptions> options, MemoryLimitReader memoryLimit)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var variant = options.Value.VariantName;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _inflight = factory.CreateGauge("orders_workers_inflight", "Background workers in flight (the leak signal).", "variant").WithLabels(variant);
        _started = factory.CreateCounter("orders_workers_started_total", "Background workers started.", "variant").WithLabels(variant);
        var exited = factory.CreateCounter("orders_workers_exited_total", "Background workers exited, by reason (delivered, cancelled, failed).", "variant", "reason");
        _exited = new[] { WorkerExitReason.Delivered, WorkerExitReason.Cancelled, WorkerExitReason.Failed }
            .ToFrozenDictionary(reason => reason, reason => exited.WithLabels(variant, reason), StringComparer.Ordinal);
        var requests = factory.CreateCounter("orders_requests_total", "Orders answered, by outcome (confirmed, timed_out, rejected).", "variant", "outcome");
        _requests = new[] { "confirmed", "timed_out", "rejected" }
            .ToFrozenDictionary(outcome => outcome, outcome => requests.WithLabels(variant, outcome), StringComparer.Ordinal);

        var version = typeof(OrdersMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        factory.CreateGauge("orders_build_info", "Build information; always 1.", "variant", "version").WithLabels(variant, version.Split('+')[0]).Set(1);
        var limit = factory.CreateGauge("orders_memory_limit_bytes", "Memory limit the process runs under (cgroup or GC limit).");
        // A cgroup limit can change while the process runs (docker update, a lab resizing it): read it per scrape.
        registry.AddBeforeCollectCallback(() => limit.Set(memoryLimit.Read().Bytes));
    }

    /// <summary>Counts a started worker.</summary>
    public void WorkerStarted()
    {
        _started.Inc();
        _inflight.Inc();
    }

    /// <summary>Counts an exited worker with its <paramref name="reason"/> (a <see cref="WorkerExitReason"/>).</summary>
    public void WorkerExited(string reason)
    {
        _exited[reason].Inc();
        _inflight.Dec();
    }

    /// <summary>Counts an answered order with its <paramref name="outcome"/>: confirmed, timed_out or rejected.</summary>
    public void Request(string outcome) => _requests[outcome].Inc();
}
