using System.Collections.Frozen;
using System.Globalization;

namespace OrderLeakLab.OrderService.Checkout.DuplicateWatcher;

/// <summary>
/// PriceList is one loaded copy of the catalogue's prices (2,000 articles, ~150 KiB), as a watcher holds it to notice
/// changes.
/// </summary>
public sealed class PriceList
{
    /// <summary>Articles in the catalogue.</summary>
    public const int Articles = 2_000;

    private PriceList(FrozenDictionary<string, decimal> prices, long version) => (Prices, Version) = (prices, version);

    /// <summary>Price per SKU.</summary>
    public FrozenDictionary<string, decimal> Prices { get; }

    /// <summary>The catalogue version this copy was loaded from.</summary>
    public long Version { get; }

    /// <summary>Loads the catalogue at <paramref name="version"/> (each load builds its own copy, as a real load from a store does).</summary>
    public static PriceList Load(long version) => new(
        Enumerable.Range(0, Articles).ToFrozenDictionary(
            i => "SKU-" + i.ToString("00000", CultureInfo.InvariantCulture),
            i => 3.5m + i * 1.25m + version % 7),
        version);
}
