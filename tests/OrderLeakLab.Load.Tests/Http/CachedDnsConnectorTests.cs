using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using OrderLeakLab.Load.Http;

namespace OrderLeakLab.Load.Tests.Http;

public class CachedDnsConnectorTests
{
    private int _lookups;

    private Task<IPAddress[]> Resolve(string host)
    {
        Interlocked.Increment(ref _lookups);
        return host == "orders-leaky"
            ? Task.FromResult(new[] { IPAddress.Loopback })
            : Task.FromException<IPAddress[]>(new InvalidOperationException($"unknown host {host}"));
    }

    [Fact]
    public async Task ConnectAsync_NewConnectionPerRequestToAHostName_OneLookupForAll()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.FromResult(Results.Ok()));
        var connector = new CachedDnsConnector(TimeSpan.FromSeconds(10), new FakeTimeProvider(), Resolve);
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = connector.ConnectAsync, UseProxy = false });
        client.DefaultRequestHeaders.ConnectionClose = true;

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.PostAsync(new Uri($"http://orders-leaky:{server.BaseAddress.Port}/orders"), new StringContent("{}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(20, server.AcceptedConnections);
        Assert.Equal(1, _lookups);
    }

    [Fact]
    public async Task ResolveAsync_AfterTimeToLive_LooksUpAgain()
    {
        var time = new FakeTimeProvider();
        var connector = new CachedDnsConnector(TimeSpan.FromSeconds(10), time, Resolve);

        await connector.ResolveAsync("orders-leaky");
        time.Advance(TimeSpan.FromSeconds(9));
        await connector.ResolveAsync("ORDERS-LEAKY");
        Assert.Equal(1, _lookups);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([IPAddress.Loopback], await connector.ResolveAsync("orders-leaky"));
        Assert.Equal(2, _lookups);
    }

    [Fact]
    public async Task ResolveAsync_FailedLookup_NotKept()
    {
        var connector = new CachedDnsConnector(TimeSpan.FromSeconds(10), new FakeTimeProvider(), Resolve);

        await Assert.ThrowsAsync<InvalidOperationException>(() => connector.ResolveAsync("orders-fixed"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => connector.ResolveAsync("orders-fixed"));

        Assert.Equal(2, _lookups);
    }
}
