using System.Net;

namespace OrderLeakLab.OrderService.Checkout.TokenNotPropagated;

/// <summary>
/// InventoryClient calls <see cref="InventoryServer"/> over HTTP/2 with a plain <see cref="HttpClient"/>: one shared
/// client, default <see cref="HttpClient.Timeout"/> (100 s) — the only thing that ends a call nobody cancels.
/// </summary>
public sealed class InventoryClient(InventoryServer server) : IDisposable
{
    private readonly Lazy<HttpClient> _client = new(() => new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
    {
        BaseAddress = server.Address ?? throw new InvalidOperationException("The inventory service has not started (Orders__Leak is not token-not-propagated)."),
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    });

    /// <summary>Asks the inventory service to hold the order's articles; true once it has.</summary>
    public async Task<bool> HoldAsync(OrderWork work, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(work.Body);
        using var response = await _client.Value.PostAsync($"holds/{work.OrderId}", content, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
