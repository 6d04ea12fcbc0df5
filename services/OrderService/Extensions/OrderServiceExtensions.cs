using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Checkout;
using OrderLeakLab.OrderService.Checkout.TokenNotPropagated;
using OrderLeakLab.OrderService.Hosting;
using OrderLeakLab.OrderService.Metrics;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

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
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton(new MemoryLimitReader());
        services.AddSingleton<OrdersMetrics>();
        services.AddSingleton<ProcessMetrics>();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<InventoryServer>();
        services.AddHostedService(sp => sp.GetRequiredService<InventoryServer>());
        services.AddSingleton<InventoryClient>();
        services.AddCheckout();
        services.AddHostedService<ListenerAnnouncer>();
        services.AddHostedService<WorkerDrainService>();
        return builder;
    }

    /// <summary>Starts the exporter and the instruments (validating the options on the way), and records HTTP metrics for every request.</summary>
    public static WebApplication UseOrderMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<PrometheusExporter>();
        app.Services.GetRequiredService<ProcessMetrics>();
        app.Services.GetRequiredService<OrdersMetrics>();
        app.UseRouting();
        app.UseMiddleware<HttpMetricsMiddleware>();
        return app;
    }
}
