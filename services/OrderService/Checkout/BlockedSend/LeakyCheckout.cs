using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.BlockedSend;

/// <summary>
/// LeakyCheckout is the checkout as the incident shipped it (Go's blocked send): the handler waits for the worker's
/// result until the order's token fires at the deadline, but the worker never gets that token, so a worker that
/// finishes late waits forever to hand off its result. <see cref="FixedCheckout"/> differs only in that token.
/// </summary>
public sealed class LeakyCheckout(WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    private static readonly WorkerStage Working = new("LeakyCheckout.RunWorkerAsync", "its work (Task.Delay)");
    private static readonly WorkerStage HandingOff = new("LeakyCheckout.HandOffAsync", "a full channel (ChannelWriter.WriteAsync)");

    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        var channel = CheckoutChannel.Create();
        var worker = registry.Start(Working);
        // LEAK: the worker runs on CancellationToken.None, so when the handler stops reading a late worker blocks on its
        // hand-off forever, and the registry, which holds its own task for shutdown and /debug/workers, keeps it reachable.
        worker.Track(RunWorkerAsync(work, channel.Writer, worker, CancellationToken.None));
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
