namespace OrderLeakLab.OrderService.Options;

/// <summary>
/// OrdersOptions configures the order service (section <c>Orders</c>, environment <c>Orders__*</c>).
/// Validated on start by <see cref="OrdersOptionsValidator"/>.
/// </summary>
public sealed class OrdersOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Orders";

    /// <summary>The variant names the service accepts.</summary>
    public static readonly IReadOnlyList<string> Variants = ["leaky", "fixed"];

    /// <summary>Which checkout runs: <c>leaky</c> or <c>fixed</c>. Required, no default.</summary>
    public string Variant { get; set; } = "";

    /// <summary>Shortest simulated work per order. Default 300 ms; 0 ≤ WorkMin ≤ WorkMax.</summary>
    public TimeSpan WorkMin { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Longest simulated work per order. Default 800 ms; at most 1 hour.</summary>
    public TimeSpan WorkMax { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>How long the handler waits for the worker's result before answering 504. Default 500 ms; &gt; 0.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Listen addresses of the admin listener (<c>/debug/*</c>), separated by <c>;</c>. Default
    /// <c>http://127.0.0.1:6060</c> (Go's pprof port); port 0 picks a free port; empty disables it.
    /// </summary>
    public string AdminUrls { get; set; } = "http://127.0.0.1:6060";

    /// <summary>
    /// Which leak pattern's checkout runs (see <see cref="Checkout.LeakPatterns"/>): <c>blocked-send</c> (default, the
    /// incident), <c>blocked-receive</c>, <c>endless-loop</c>, <c>unstopped-timer</c>, <c>token-not-propagated</c>,
    /// <c>duplicate-watcher</c>, <c>undisposed-linked-token</c> or <c>sync-over-async</c>. <see cref="Variant"/> says
    /// whether it is the leaky or the fixed one.
    /// </summary>
    public string Leak { get; set; } = Checkout.LeakPatterns.Default;

    /// <summary>
    /// How often the periodic work of <c>endless-loop</c> (status poll), <c>unstopped-timer</c> (reservation refresh) and
    /// <c>duplicate-watcher</c> (price-list check) wakes. Default 250 ms; 1 ms … 1 hour.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary><c>duplicate-watcher</c>: the price list is reloaded every this many orders. Default 100; 1 … 1,000,000.</summary>
    public int ReloadEvery { get; set; } = 100;

    /// <summary>
    /// <c>token-not-propagated</c>: how long the local inventory service takes to answer — a hung dependency. Default
    /// 2 minutes (longer than <c>HttpClient</c>'s 100 s timeout, which is then what ends an abandoned call); 0 … 1 hour.
    /// </summary>
    public TimeSpan DownstreamLatency { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long shutdown waits for in-flight workers before giving up on them. Default 2 s; ≥ 0.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The variant in its canonical lower-case spelling (the <c>variant</c> metric label).</summary>
    public string VariantName => Variant.Trim().ToLowerInvariant();

    /// <summary>True when the leaky checkout is configured.</summary>
    public bool IsLeaky => VariantName == "leaky";

    /// <summary>The leak pattern in its canonical lower-case spelling.</summary>
    public string LeakName => Leak.Trim().ToLowerInvariant();
}
