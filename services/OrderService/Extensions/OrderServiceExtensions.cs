using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Checkout;
using OrderLeakLab.OrderService.Checkout.TokenNotPropagated;
using OrderLeakLab.OrderService.Hosting;
using OrderLeakLab.OrderService.Metrics;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;
using Prometheus;

namespace OrderLeakLab.OrderService.Extensions;

/// <summary>OrderServiceExtensions registers everything the order service needs, in one place.</summary>
public static class OrderServiceExtensions
{
    /// <summary>Options, listeners, metrics, the worker registry and the checkout that <c>Orders__Leak</c> and <c>Orders__Variant</c> select.</summary>
    public static WebApplicationBuilder AddOrderServices(this WebApplicationBuilder builder)
    {
        // Per-request logs at 1000 req/s would cost more than the service itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.ConfigureListeners();

        var services = builder.Services;
        services.AddOptions<OrdersOptions>().BindConfiguration(OrdersOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OrdersOptions>, OrdersOptionsValidator>();
        services.AddProblemDetails();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Random.Shared);
        services.AddSingleton<WorkDuration>();
        services.AddOrderMetrics();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<InventoryServer>();
        services.AddHostedService(sp => sp.GetRequiredService<InventoryServer>());
        services.AddSingleton<InventoryClient>();
        services.AddCheckout();
        services.AddHostedService<ListenerAnnouncer>();
        services.AddHostedService<WorkerDrainService>();
        return builder;
    }

    /// <summary>
    /// prometheus-net's default registry with its process and GC collectors, our runtime and domain metrics.
    /// Its event-counter adapter (names that fail the lint, 10 s old) and meter adapter (a second HTTP duration
    /// histogram from ASP.NET Core's meter, every .NET counter as a gauge) stay off: the README says why.
    /// </summary>
    public static IServiceCollection AddOrderMetrics(this IServiceCollection services)
    {
        Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true });
        services.AddSingleton(Prometheus.Metrics.DefaultRegistry);
        services.AddSingleton(new MemoryLimitReader());
        services.AddSingleton<RuntimeMetrics>();
        services.AddSingleton<OrdersMetrics>();
        return services;
    }

    /// <summary>Creates the metrics (validating the options on the way) and records prometheus-net's HTTP metrics for every request.</summary>
    public static WebApplication UseOrderMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<RuntimeMetrics>();
        app.Services.GetRequiredService<OrdersMetrics>();
        // After routing, so the endpoint label is the route pattern.
        app.UseRouting();
        app.UseHttpMetrics();
        return app;
    }
}
