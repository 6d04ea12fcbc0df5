using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.BlockedSend;

/// <summary>
/// FixedCheckout is <see cref="LeakyCheckout"/> with the fix: the worker runs on the order's token (the request, the
/// application's lifetime and the deadline, linked), so a late worker's hand-off is cancelled and the worker exits —
/// Go's <c>select { case ch &lt;- r: case &lt;-ctx.Done(): }</c>.
/// </summary>
public sealed class FixedCheckout(WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    private static readonly WorkerStage Working = new("FixedCheckout.RunWorkerAsync", "its work (Task.Delay)");
    private static readonly WorkerStage HandingOff = new("FixedCheckout.HandOffAsync", "a full channel (ChannelWriter.WriteAsync)");

    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        var channel = CheckoutChannel.Create();
        var worker = registry.Start(Working);
        // FIX: the worker runs on the order's token, so at the deadline its work or hand-off is cancelled and it exits;
        // `using` disposes the linked source (unregisters it from ApplicationStopping), Go's `defer cancel()`.
        worker.Track(RunWorkerAsync(work, channel.Writer, worker, order.Token));
        return await channel.Reader.ReceiveAsync(order.Token);
    }

    private async Task RunWorkerAsync(OrderWork work, ChannelWriter<CheckoutMessage> writer, WorkerHandle worker, CancellationToken cancellationToken)
    {
        var reason = WorkerExitReason.Failed;
        try
        {
            await Task.Delay(work.Duration, time, cancellationToken);
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
