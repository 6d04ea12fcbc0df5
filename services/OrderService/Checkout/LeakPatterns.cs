using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// LeakPatterns is the catalog of leak patterns the checkout can run (<c>Orders__Leak</c>), each a leaky and a fixed
/// <see cref="ICheckout"/> side by side in a folder of its own that differ only in the fix.
/// </summary>
public static class LeakPatterns
{
    /// <summary>The incident's pattern, and the default.</summary>
    public const string Default = "blocked-send";

    private static readonly (string Name, Type Leaky, Type Fixed)[] Catalog =
    [
        ("blocked-send", typeof(BlockedSend.LeakyCheckout), typeof(BlockedSend.FixedCheckout)),
        ("blocked-receive", typeof(BlockedReceive.LeakyPaymentCapture), typeof(BlockedReceive.FixedPaymentCapture)),
        ("endless-loop", typeof(EndlessLoop.LeakyStatusPolling), typeof(EndlessLoop.FixedStatusPolling)),
        ("unstopped-timer", typeof(UnstoppedTimer.LeakyStockReservation), typeof(UnstoppedTimer.FixedStockReservation)),
        ("token-not-propagated", typeof(TokenNotPropagated.LeakyInventoryHold), typeof(TokenNotPropagated.FixedInventoryHold)),
        ("duplicate-watcher", typeof(DuplicateWatcher.LeakyPriceListWatch), typeof(DuplicateWatcher.FixedPriceListWatch)),
        ("undisposed-linked-token", typeof(UndisposedLinkedToken.LeakyOrderToken), typeof(UndisposedLinkedToken.FixedOrderToken)),
        ("sync-over-async", typeof(SyncOverAsync.LeakyTaxQuote), typeof(SyncOverAsync.FixedTaxQuote)),
    ];

    /// <summary>The pattern names, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = Catalog.Select(p => p.Name).ToArray();

    /// <summary>The checkout type of <paramref name="name"/>'s leaky or fixed variant.</summary>
    /// <exception cref="ArgumentException">Not a pattern name.</exception>
    public static Type CheckoutType(string name, bool leaky)
    {
        foreach (var pattern in Catalog)
        {
            if (pattern.Name == name)
            {
                return leaky ? pattern.Leaky : pattern.Fixed;
            }
        }

        throw new ArgumentException($"Unknown leak pattern '{name}'; one of {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Registers the <see cref="ICheckout"/> that <c>Orders__Leak</c> and <c>Orders__Variant</c> select.</summary>
    public static IServiceCollection AddCheckout(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OrdersOptions>>().Value;
            return (ICheckout)ActivatorUtilities.CreateInstance(sp, CheckoutType(options.LeakName, options.IsLeaky));
        });
        return services;
    }
}
