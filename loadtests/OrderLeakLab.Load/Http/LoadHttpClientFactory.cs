namespace OrderLeakLab.Load.Http;

/// <summary>
/// LoadHttpClientFactory builds the one HTTP stack every load scenario and the lab share: a
/// <see cref="SocketsHttpHandler"/> with an exact connection cap (<see cref="CappedConnector"/>), keep-alive pooling with a bounded lifetime, host names
/// resolved once per 10 s rather than per connection (<see cref="CachedDnsConnector"/>), no proxy, no cookies, no
/// redirects, and an <see cref="HttpClient"/> with the request timeout.
/// <code>
/// using var client = LoadHttpClientFactory.CreateClient(new LoadHttpOptions { MaxConnectionsPerServer = 512 });
/// </code>
/// A timed-out request surfaces as <see cref="TaskCanceledException"/> (a <see cref="TimeoutException"/> inside),
/// which <see cref="Scenarios.StepResult.FromException"/> counts as a timeout.
/// </summary>
public static class LoadHttpClientFactory
{
    /// <summary>How long a host name's addresses are reused for new connections.</summary>
    private static readonly TimeSpan DnsTimeToLive = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Creates the handler with <paramref name="options"/> (validated; defaults when null); every connection it opens
    /// is counted by <paramref name="connections"/> when one is given.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(LoadHttpOptions? options = null, ConnectionGauge? connections = null)
    {
        options ??= new LoadHttpOptions();
        options.Validate();
        var connector = new CappedConnector(new CachedDnsConnector(DnsTimeToLive), options.MaxConnectionsPerServer, connections);
        return new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            // Load goes to loopback targets; an HTTP_PROXY in the environment must not reroute it.
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
    }

    /// <summary>
    /// Creates a client (HTTP/1.1 keep-alive, request timeout) over a new handler it owns; <paramref name="connections"/>,
    /// when given, counts the connections it opens.
    /// </summary>
    public static HttpClient CreateClient(LoadHttpOptions? options = null, ConnectionGauge? connections = null)
    {
        options ??= new LoadHttpOptions();
        var client = new HttpClient(CreateHandler(options, connections), disposeHandler: true)
        {
            Timeout = options.RequestTimeout,
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        client.DefaultRequestHeaders.ConnectionClose = false;
        return client;
    }
}
