using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Workers;

/// <summary>
/// WorkerDrainService gives in-flight workers up to <see cref="OrdersOptions.DrainTimeout"/> to finish when the
/// service stops, and logs how many it gave up on.
/// </summary>
public sealed class WorkerDrainService(WorkerRegistry registry, IOptions<OrdersOptions> options, TimeProvider time, ILogger<WorkerDrainService> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(options.Value.DrainTimeout);
        var started = time.GetTimestamp();
        await registry.DrainAsync(drain.Token);
        if (registry.Count > 0)
        {
            logger.LogWarning("Shutdown gave up on {Count} workers still in flight after {Elapsed}", registry.Count, time.GetElapsedTime(started));
        }
    }
}
