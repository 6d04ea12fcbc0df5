using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Checkout.TokenNotPropagated;

/// <summary>
/// InventoryServer is the slow downstream of <c>token-not-propagated</c>: a real HTTP/2 (cleartext) endpoint on a free
/// loopback port, started by the service itself, that answers <c>POST /holds/{orderId}</c> after
/// <see cref="OrdersOptions.DownstreamLatency"/> — a hung dependency — and stops waiting when the caller cancels the call.
/// It runs only when <c>Orders__Leak=token-not-propagated</c>.
/// </summary>
public sealed class InventoryServer(IOptions<OrdersOptions> options) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;
    private int _holding;

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234/</c>; null until started.</summary>
    public Uri? Address { get; private set; }

    /// <summary>Calls being held right now.</summary>
    public int Holding => Volatile.Read(ref _holding);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.LeakName != "token-not-propagated")
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, ChildHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        _app = builder.Build();
        var latency = options.Value.DownstreamLatency;
        // Not an async method: this endpoint stands in for a service that runs elsewhere, so an inspection of the order
        // service must find no parked application code on the dependency's side — only the framework's delay — and name
        // the order service's own waiting calls as the leak site, as it would if the dependency ran in its own process.
        _app.MapPost("/holds/{orderId:guid}", (Guid orderId, HttpContext context) =>
        {
            Interlocked.Increment(ref _holding);
            return Task.Delay(latency, context.RequestAborted).ContinueWith(
                delay =>
                {
                    Interlocked.Decrement(ref _holding);
                    delay.GetAwaiter().GetResult(); // a cancelled call ends as it did: the caller has reset the stream
                    return Results.Ok(new { orderId, held = true });
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        });
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.TrimEnd('/') + "/");
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>The inner host follows the service's lifetime, not the console's: the service stops it.</summary>
    private sealed class ChildHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
