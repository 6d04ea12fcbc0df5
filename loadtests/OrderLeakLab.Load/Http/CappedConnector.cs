using System.Collections.Concurrent;
using System.Net;

namespace OrderLeakLab.Load.Http;

/// <summary>
/// CappedConnector opens the load client's connections (through <see cref="CachedDnsConnector"/>) and holds a slot per
/// open connection, at most <c>perServer</c> per host and port, released when the handler disposes the connection.
/// Why, beside <see cref="SocketsHttpHandler.MaxConnectionsPerServer"/>: the handler forgets a connection it is closing
/// a moment before it closes the socket, and may open the next one in between; against a stalled target, where every
/// request times out and costs its connection, the generator then held more sockets than the cap said. With the slots
/// a new connection waits for the old socket to be closed (bounded by the connect timeout), so the cap is exact.
/// </summary>
internal sealed class CappedConnector(CachedDnsConnector connector, int perServer, ConnectionGauge? gauge)
{
    private readonly ConcurrentDictionary<DnsEndPoint, SemaphoreSlim> _slots = new();

    /// <summary>The connect callback: a slot for the target, then a connection that gives the slot back when disposed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(context.DnsEndPoint, _ => new SemaphoreSlim(perServer, perServer));
        await slot.WaitAsync(cancellationToken).ConfigureAwait(false);
        Stream connection;
        try
        {
            connection = await connector.ConnectAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            slot.Release();
            throw;
        }

        gauge?.Opened();
        return new CountedStream(connection, () =>
        {
            gauge?.Closed();
            slot.Release();
        });
    }
}
