using System.Net;
using System.Net.Sockets;
using OrderLeakLab.Inspect.Targets;
using OrderLeakLab.Inspect.Tests.Support;

namespace OrderLeakLab.Inspect.Tests.Targets;

/// <summary>A target given by its URL alone is found by the socket listening on its port: the process, and only while it listens.</summary>
public class ListeningProcessTests
{
    [Fact]
    public async Task Find_OrderServiceOnLoopback_IsThatProcessUntilItStops()
    {
        var service = await InspectedService.StartAsync("fixed");
        var url = service.BaseAddress;
        try
        {
            Assert.Equal(service.ProcessId, ListeningProcess.Find(url));
            Assert.Equal(service.ProcessId, ListeningProcess.Find(new Uri($"http://localhost:{url.Port}/orders")));
        }
        finally
        {
            await service.DisposeAsync();
        }

        Assert.Null(ListeningProcess.Find(url)); // nothing listens there any more
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Find_ListenerInThisProcess_IPv4AndIPv6_IsThisProcess(string address)
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var host = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;

        Assert.Equal(Environment.ProcessId, ListeningProcess.Find(new Uri($"http://{host}:{port}/")));
    }

    [Fact]
    public void Find_NotLoopback_IsNull()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // Load only ever goes to loopback here, and a remote host's port says nothing about a process on this machine.
        Assert.Null(ListeningProcess.Find(new Uri($"http://10.1.2.3:{port}/")));
    }
}
