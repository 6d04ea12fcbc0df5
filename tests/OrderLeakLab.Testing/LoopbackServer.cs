using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrderLeakLab.Testing;

/// <summary>
/// LoopbackServer is a real Kestrel app on 127.0.0.1 with a port the kernel chooses, serving the routes a test maps,
/// and counting TCP connections (open now, most at once, accepted in all) to check caps and keep-alive.
/// <code>
/// await using var server = await LoopbackServer.StartAsync(_ => Task.FromResult(Results.Ok()));
/// await http.PostAsync(new Uri(server.BaseAddress, "orders"), body);
/// </code>
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _open;
    private int _peak;
    private int _accepted;

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The most TCP connections open at once.</summary>
    public int PeakConnections => Volatile.Read(ref _peak);

    /// <summary>TCP connections accepted in all.</summary>
    public int AcceptedConnections => Volatile.Read(ref _accepted);

    /// <summary>Starts a server whose <c>POST /orders</c> runs <paramref name="orders"/>.</summary>
    public static Task<LoopbackServer> StartAsync(Func<HttpContext, Task<IResult>> orders) =>
        StartAsync(routes => routes.MapPost("/orders", orders));

    /// <summary>Starts a server with the routes <paramref name="map"/> adds.</summary>
    public static async Task<LoopbackServer> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        LoopbackServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            listen.Use(next => async connection =>
            {
                server!.Opened();
                try
                {
                    await next(connection);
                }
                finally
                {
                    Interlocked.Decrement(ref server._open);
                }
            })));
        var app = builder.Build();
        map(app);
        server = new LoopbackServer(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Opened()
    {
        Interlocked.Increment(ref _accepted);
        var open = Interlocked.Increment(ref _open);
        int peak;
        while (open > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, open, peak) != peak)
        {
        }
    }
}
