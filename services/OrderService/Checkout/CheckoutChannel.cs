using System.Threading.Channels;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>CheckoutChannel creates the channel a worker hands its messages back on.</summary>
public static class CheckoutChannel
{
    /// <summary>
    /// A channel with a single slot. Go's incident used an unbuffered channel: the send blocks until a receiver
    /// takes it. .NET channels hold at least one item, so the worker first reports progress (<c>priced</c>), then
    /// the receipt: while the caller listens it takes both; once it has left, the progress fills the only slot and
    /// the receipt's write waits for a reader that never comes — the incident's blocked send.
    /// Callers wait with <c>WaitToReadAsync</c> and take with <c>TryRead</c>: an abandoned <c>ReadAsync</c> would
    /// itself take the next item and free the slot.
    /// </summary>
    public static Channel<CheckoutMessage> Create() =>
        Channel.CreateBounded<CheckoutMessage>(new BoundedChannelOptions(1)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
}
