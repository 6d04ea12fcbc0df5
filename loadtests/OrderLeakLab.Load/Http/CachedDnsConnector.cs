using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OrderLeakLab.Load.Http;

/// <summary>
/// CachedDnsConnector opens the load client's TCP connections with each host name resolved once per time-to-live
/// instead of once per connection (<see cref="SocketsHttpHandler.ConnectCallback"/>). IP-literal targets skip the
/// lookup. Why: .NET resolves a name with a blocking <c>getaddrinfo</c> on a thread-pool thread for every new
/// connection. Against compose service names (Docker's embedded DNS), when timeouts close connections and the open
/// model keeps opening new ones, those lookups starved the generator's thread pool: its timetable lagged by seconds,
/// more requests timed out, and 600 req/s collapsed to ~30 served with 14 000 sockets in TIME-WAIT.
/// A failed lookup is not kept: the next connection asks again.
/// </summary>
internal sealed class CachedDnsConnector(TimeSpan timeToLive, TimeProvider? time = null, Func<string, Task<IPAddress[]>>? resolve = null)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Func<string, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    /// <summary>The connect callback: a TCP connection (no Nagle) to the first address of the host that answers.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await ResolveAsync(endpoint.Host).WaitAsync(cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses of <paramref name="host"/>: a lookup shared by every connection until it expires.</summary>
    internal Task<IPAddress[]> ResolveAsync(string host)
    {
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(host, out var entry) && entry.Expires > now && !entry.Lookup.IsFaulted && !entry.Lookup.IsCanceled)
        {
            return entry.Lookup;
        }

        var fresh = new Entry(_resolve(host), now + timeToLive);
        _entries[host] = fresh;
        return fresh.Lookup;
    }

    private sealed record Entry(Task<IPAddress[]> Lookup, DateTimeOffset Expires);
}
