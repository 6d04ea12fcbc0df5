using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrderLeakLab.Load.Tests.TestSupport;

/// <summary>
/// A tiny real Kestrel server on 127.0.0.1 with an OS-chosen port; <c>POST /orders</c> runs the given handler.
/// Counts TCP connections (open now, most at once, accepted in all) to check caps and keep-alive.
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _open;
    private int _peak;
    private int _accepted;

    private LocalServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int PeakConnections => Volatile.Read(ref _peak);

    public int AcceptedConnections => Volatile.Read(ref _accepted);

    public static async Task<LocalServer> StartAsync(Func<HttpContext, Task<IResult>> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        LocalServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
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
        app.MapPost("/orders", handler);
        server = new LocalServer(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

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
