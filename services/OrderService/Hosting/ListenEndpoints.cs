using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace OrderLeakLab.OrderService.Hosting;

/// <summary>ListenEndpoints holds the public and admin endpoints; their ports are real once the server has started.</summary>
public sealed class ListenEndpoints
{
    /// <summary>The public endpoints (orders, health, metrics).</summary>
    public List<ListenOptions> Public { get; } = [];

    /// <summary>The admin endpoints (<c>/debug/*</c>).</summary>
    public List<ListenOptions> Admin { get; } = [];

    /// <summary>The bound URL of an endpoint, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public static string Url(ListenOptions options) => options.EndPoint switch
    {
        IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"http://[{ip.Address}]:{ip.Port}",
        IPEndPoint ip => $"http://{ip.Address}:{ip.Port}",
        var other => other.ToString() ?? "",
    };
}
