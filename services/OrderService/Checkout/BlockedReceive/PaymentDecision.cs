using System.Threading.Channels;

namespace OrderLeakLab.OrderService.Checkout.BlockedReceive;

/// <summary>PaymentDecision is what the handler tells a worker once the order is confirmed: capture the payment.</summary>
/// <param name="Capture">True to capture the authorized amount.</param>
public sealed record PaymentDecision(bool Capture)
{
    /// <summary>Capture the payment: the customer has the confirmation.</summary>
    public static readonly PaymentDecision Captured = new(true);

    /// <summary>A channel for the one decision a worker waits for.</summary>
    public static Channel<PaymentDecision> CreateChannel() =>
        Channel.CreateBounded<PaymentDecision>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
}
