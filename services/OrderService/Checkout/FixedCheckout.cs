using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;
using Polly;
using Polly.Timeout;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// FixedCheckout is <see cref="LeakyCheckout"/> with the fix: the worker runs on a token linked to the request
/// and the application's lifetime, cancelled by a Polly timeout at the deadline, so a late worker's hand-off is
/// cancelled and the worker exits.
/// </summary>
public sealed class FixedCheckout : ICheckout
{
    private static readonly WorkerStage Working = new("FixedCheckout.RunWorkerAsync", "its work (Task.Delay)");
    private static readonly WorkerStage HandingOff = new("FixedCheckout.HandOffAsync", "a full channel (ChannelWriter.WriteAsync)");

    private readonly WorkerRegistry _registry;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _deadline;

    /// <summary>Creates the checkout with a timeout pipeline of <see cref="OrdersOptions.Deadline"/>.</summary>
    public FixedCheckout(WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time)
    {
        (_registry, _lifetime, _time) = (registry, lifetime, time);
        _deadline = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.Value.Deadline).Build();
    }

    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        // FIX: the worker's token ends with the request, the application, or (Polly) the deadline; `using` is Go's `defer cancel()`.
        using var scope = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _lifetime.ApplicationStopping);
        try
        {
            return await _deadline.ExecuteAsync(static (state, token) => state.Item1.RunAsync(state.work, token), (this, work), scope.Token);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or OperationCanceledException)
        {
            return CheckoutResult.TimedOut;
        }
    }

    private async ValueTask<CheckoutResult> RunAsync(OrderWork work, CancellationToken cancellationToken)
    {
        var channel = CheckoutChannel.Create();
        var worker = _registry.Start(Working);
        worker.Track(RunWorkerAsync(work, channel.Writer, worker, cancellationToken));

        while (await channel.Reader.WaitToReadAsync(cancellationToken))
        {
            while (channel.Reader.TryRead(out var message))
            {
                if (message.Receipt is { } receipt)
                {
                    return new CheckoutResult(receipt);
                }
            }
        }

        return CheckoutResult.TimedOut;
    }

    private async Task RunWorkerAsync(OrderWork work, ChannelWriter<CheckoutMessage> writer, WorkerHandle worker, CancellationToken cancellationToken)
    {
        var reason = WorkerExitReason.Failed;
        try
        {
            await Task.Delay(work.Duration, _time, cancellationToken);
            await HandOffAsync(writer, OrderReceipt.Price(work), worker, cancellationToken);
            reason = WorkerExitReason.Delivered;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            reason = WorkerExitReason.Cancelled;
        }
        finally
        {
            worker.Exit(reason);
        }
    }

    private static async Task HandOffAsync(ChannelWriter<CheckoutMessage> writer, OrderReceipt receipt, WorkerHandle worker, CancellationToken cancellationToken)
    {
        worker.Stage = HandingOff;
        await writer.WriteAsync(CheckoutMessage.Priced, cancellationToken);
        await writer.WriteAsync(new CheckoutMessage("confirmed", receipt), cancellationToken);
    }
}
