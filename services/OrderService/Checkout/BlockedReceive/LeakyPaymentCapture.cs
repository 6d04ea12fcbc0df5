using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.BlockedReceive;

/// <summary>
/// LeakyPaymentCapture (Go's blocked receive): a worker authorizes the payment, hands back the receipt, then waits for
/// the handler's decision to capture it. A handler that has given up at the deadline never sends one, so a late worker
/// waits forever. <see cref="FixedPaymentCapture"/> differs only in closing the channel.
/// </summary>
public sealed class LeakyPaymentCapture(WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    private static readonly WorkerStage Working = new("LeakyPaymentCapture.RunWorkerAsync", "its work (Task.Delay)");
    private static readonly WorkerStage AwaitingDecision = new("LeakyPaymentCapture.AwaitDecisionAsync", "the payment decision (ChannelReader.ReadAsync)");

    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        using var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        var receipts = CheckoutChannel.Create();
        var decisions = PaymentDecision.CreateChannel();
        var worker = registry.Start(Working);
        worker.Track(RunWorkerAsync(work, receipts.Writer, decisions.Reader, worker));
        var result = await receipts.Reader.ReceiveAsync(order.Token);
        if (result.IsConfirmed)
        {
            decisions.Writer.TryWrite(PaymentDecision.Captured);
        }

        // LEAK: after giving up the handler neither sends a decision nor closes the channel, so a late worker waits in
        // AwaitDecisionAsync forever, and the registry, which holds its own task for shutdown and /debug/workers, keeps it.
        return result;
    }

    private async Task RunWorkerAsync(OrderWork work, ChannelWriter<CheckoutMessage> receipts, ChannelReader<PaymentDecision> decisions, WorkerHandle worker)
    {
        var reason = WorkerExitReason.Failed;
        try
        {
            await Task.Delay(work.Duration, time);
            await receipts.WriteAsync(new CheckoutMessage("confirmed", OrderReceipt.Price(work)));
            await AwaitDecisionAsync(decisions, worker);
            reason = WorkerExitReason.Delivered;
        }
        catch (ChannelClosedException)
        {
            reason = WorkerExitReason.Cancelled;
        }
        finally
        {
            worker.Exit(reason);
        }
    }

    private static async Task AwaitDecisionAsync(ChannelReader<PaymentDecision> decisions, WorkerHandle worker)
    {
        worker.Stage = AwaitingDecision;
        await decisions.ReadAsync();
    }
}
