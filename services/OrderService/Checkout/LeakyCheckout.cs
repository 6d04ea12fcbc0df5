using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// LeakyCheckout is the checkout as the incident shipped it: the handler stops waiting at the deadline but
/// cancels nothing, so a worker that finishes late waits forever to hand off its result. Compare with
/// <see cref="FixedCheckout"/>, which differs only in cancellation.
/// </summary>
public sealed class LeakyCheckout(WorkerRegistry registry, IOptions<OrdersOptions> options, TimeProvider time) : ICheckout
{
    private static readonly WorkerStage Working = new("LeakyCheckout.RunWorkerAsync", "its work (Task.Delay)");
    private static readonly WorkerStage HandingOff = new("LeakyCheckout.HandOffAsync", "a full channel (ChannelWriter.WriteAsync)");

    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        var channel = CheckoutChannel.Create();
        var worker = registry.Start(Working);
        worker.Track(RunWorkerAsync(work, channel.Writer, worker));

        var deadline = Task.Delay(options.Value.Deadline, time);
        while (true)
        {
            var ready = channel.Reader.WaitToReadAsync().AsTask();
            // LEAK: WhenAny stops waiting but cancels nothing, so a late worker blocks forever on its hand-off
            // while the registry, which holds its own task for shutdown and /debug/workers, keeps it reachable.
            if (await Task.WhenAny(ready, deadline) == deadline)
            {
                return CheckoutResult.TimedOut;
            }

            while (channel.Reader.TryRead(out var message))
            {
                if (message.Receipt is { } receipt)
                {
                    return new CheckoutResult(receipt);
                }
            }
        }
    }

    private async Task RunWorkerAsync(OrderWork work, ChannelWriter<CheckoutMessage> writer, WorkerHandle worker)
    {
        var reason = WorkerExitReason.Failed;
        try
        {
            await Task.Delay(work.Duration, time);
            await HandOffAsync(writer, OrderReceipt.Price(work), worker);
            reason = WorkerExitReason.Delivered;
        }
        finally
        {
            worker.Exit(reason);
        }
    }

    private static async Task HandOffAsync(ChannelWriter<CheckoutMessage> writer, OrderReceipt receipt, WorkerHandle worker)
    {
        worker.Stage = HandingOff;
        await writer.WriteAsync(CheckoutMessage.Priced);
        await writer.WriteAsync(new CheckoutMessage("confirmed", receipt));
    }
}
