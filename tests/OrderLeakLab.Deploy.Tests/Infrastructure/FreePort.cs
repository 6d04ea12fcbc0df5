using System.Net;
using System.Net.Sockets;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>Free loopback TCP ports, never fixed ones (other engineers run tests on this machine at the same time).</summary>
internal static class FreePort
{
    /// <summary>A port the kernel just handed out on 127.0.0.1 and that is closed again.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
