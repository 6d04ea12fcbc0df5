using System.Threading.Channels;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>ReceiptReader is the handler's side of a worker's channel.</summary>
public static class ReceiptReader
{
    /// <summary>
    /// Waits for the receipt on <paramref name="reader"/> until <paramref name="orderToken"/> fires (the deadline, the
    /// caller gone, shutdown), skipping progress messages. It waits with <c>WaitToReadAsync</c> and takes with
    /// <c>TryRead</c>: an abandoned <c>ReadAsync</c> would itself take the next item and free the worker.
    /// </summary>
    public static async Task<CheckoutResult> ReceiveAsync(this ChannelReader<CheckoutMessage> reader, CancellationToken orderToken)
    {
        try
        {
            while (await reader.WaitToReadAsync(orderToken))
            {
                while (reader.TryRead(out var message))
                {
                    if (message.Receipt is { } receipt)
                    {
                        return new CheckoutResult(receipt);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (orderToken.IsCancellationRequested)
        {
        }

        return CheckoutResult.TimedOut;
    }
}
