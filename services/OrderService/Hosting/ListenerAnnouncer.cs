using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Hosting;

/// <summary>
/// ListenerAnnouncer logs the bound addresses once the server has started, one line each:
/// <c>Orders listening on: URL</c> and <c>Admin listening on: URL</c>. With port 0 this is how a caller
/// (the lab, the tests) learns the real ports.
/// </summary>
public sealed class ListenerAnnouncer(ListenEndpoints endpoints, IHostApplicationLifetime lifetime, IOptions<OrdersOptions> options, ILogger<ListenerAnnouncer> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var endpoint in endpoints.Public)
            {
                logger.LogInformation("Orders listening on: {Url} (variant {Variant})", ListenEndpoints.Url(endpoint), options.Value.VariantName);
            }

            foreach (var endpoint in endpoints.Admin)
            {
                logger.LogInformation("Admin listening on: {Url}", ListenEndpoints.Url(endpoint));
            }
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
