using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout.BlockedReceive;

/// <summary>
/// FixedPaymentCapture is <see cref="LeakyPaymentCapture"/> with the fix: the handler closes the decision channel on
/// every path, so a late worker's wait ends with <see cref="ChannelClosedException"/> and it exits — Go's
/// <c>defer close(ch)</c>.
/// </summary>
public sealed class FixedPaymentCapture(WorkerRegistry registry, IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    private static readonly WorkerStage Working = new("FixedPaymentCapture.RunWorkerAsync", "its work (Task.Delay)");
    private static readonly WorkerStage AwaitingDecision = new("FixedPaymentCapture.AwaitDecisionAsync", "the payment decision (ChannelReader.ReadAsync)");

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

        // FIX: the handler closes the channel whatever happened: a decision already written is still read, and a worker
        // that comes late learns there will be none and exits.
        decisions.Writer.TryComplete();
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
