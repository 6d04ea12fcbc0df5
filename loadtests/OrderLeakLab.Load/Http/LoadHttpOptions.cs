namespace OrderLeakLab.Load.Http;

/// <summary>
/// HTTP client settings for load against a target that may stall or die (DESIGN §2 "How it dies"): an
/// open-model generator would otherwise open a new connection per request and pile up TIME_WAIT sockets.
/// </summary>
public sealed class LoadHttpOptions
{
    /// <summary>
    /// Connections per target, the cap that keeps a stalled target from costing a socket per arrival.
    /// Default 1024 (1000 req/s × up to 0.5 s service time needs ~500); range 1 – 16 384.
    /// </summary>
    public int MaxConnectionsPerServer { get; init; } = 1024;

    /// <summary>Whole-request timeout, waiting for a pooled connection included. Default 5 s; range 10 ms – 10 min.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time to establish a TCP connection. Default 2 s; range 10 ms – 10 min.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Keep-alive connections are recycled after this long (picks up restarts, spreads load). Default 2 min; ≥ 1 s.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Idle keep-alive connections are closed after this long. Default 30 s; ≥ 1 s.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> with an actionable message when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxConnectionsPerServer is < 1 or > 16_384)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnectionsPerServer), MaxConnectionsPerServer,
                "MaxConnectionsPerServer must be between 1 and 16384 (default 1024).");
        }

        Require(RequestTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10), nameof(RequestTimeout), "5 s");
        Require(ConnectTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10), nameof(ConnectTimeout), "2 s");
        Require(PooledConnectionLifetime, TimeSpan.FromSeconds(1), TimeSpan.MaxValue, nameof(PooledConnectionLifetime), "2 min");
        Require(PooledConnectionIdleTimeout, TimeSpan.FromSeconds(1), TimeSpan.MaxValue, nameof(PooledConnectionIdleTimeout), "30 s");
    }

    private static void Require(TimeSpan value, TimeSpan min, TimeSpan max, string name, string fallback)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {min} (default {fallback}).");
        }
    }
}
