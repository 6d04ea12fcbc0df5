using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Checkout.UndisposedLinkedToken;

/// <summary>
/// LeakyOrderToken (Go's cancel never called): the checkout links the request and the application's lifetime into the
/// order's token and never disposes the linked source. <see cref="FixedOrderToken"/> differs only in <c>using</c>.
/// </summary>
public sealed class LeakyOrderToken(IOptions<OrdersOptions> options, IHostApplicationLifetime lifetime, TimeProvider time) : ICheckout
{
    /// <inheritdoc />
    public async Task<CheckoutResult> CheckoutAsync(OrderWork work, CancellationToken requestAborted)
    {
        // LEAK: no `using`: the linked source stays registered on ApplicationStopping, a token that lives as long as the
        // application, so every order leaves its source, its registration and its deadline timer reachable from there.
        var order = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        order.CancelAfter(options.Value.Deadline);
        return await work.ProcessAsync(time, order.Token);
    }
}
