namespace OrderLeakLab.Load.Http;

/// <summary>
/// ConnectionGauge counts the TCP connections a load client holds open: one more when the handler's connect callback
/// returns a connection, one fewer when the handler disposes it. It measures the generator's own side, so a socket
/// the client has closed but the kernel still keeps (a stalled peer that never answers the FIN) is not counted.
/// <code>
/// var gauge = new ConnectionGauge();
/// using var client = LoadHttpClientFactory.CreateClient(options, gauge);
/// // … load …
/// Console.WriteLine($"peak connections {gauge.Peak}");
/// </code>
/// </summary>
public sealed class ConnectionGauge
{
    private long _open;
    private long _peak;

    /// <summary>Connections open now.</summary>
    public long Open => Interlocked.Read(ref _open);

    /// <summary>Most connections open at once since the gauge was made.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>One more connection open.</summary>
    internal void Opened()
    {
        var open = Interlocked.Increment(ref _open);
        for (var peak = Interlocked.Read(ref _peak); open > peak; peak = Interlocked.Read(ref _peak))
        {
            if (Interlocked.CompareExchange(ref _peak, open, peak) == peak)
            {
                break;
            }
        }
    }

    /// <summary>One connection fewer.</summary>
    internal void Closed() => Interlocked.Decrement(ref _open);
}
