using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Hosting;

/// <summary>
/// ListenerSetup binds Kestrel to the public addresses (<c>ASPNETCORE_URLS</c>, <c>--urls</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>; default <c>http://localhost:5000</c>) and to the admin addresses
/// (<see cref="OrdersOptions.AdminUrls"/>), marking admin connections so <c>/debug/*</c> answers only there.
/// Both are bound explicitly because port 0 leaves no other way to tell the two apart.
/// </summary>
public static class ListenerSetup
{
    private const string AdminItem = "OrderLeakLab.Admin";

    /// <summary>Reads the addresses from configuration, binds them and registers <see cref="ListenEndpoints"/>.</summary>
    public static void ConfigureListeners(this WebApplicationBuilder builder)
    {
        var endpoints = new ListenEndpoints();
        builder.Services.AddSingleton(endpoints);
        var config = builder.Configuration;
        var publicUrls = Split(config["urls"]);
        if (publicUrls.Count == 0)
        {
            publicUrls = Split(config["http_ports"]).Select(p => $"http://*:{p}").ToList();
        }

        if (publicUrls.Count == 0)
        {
            publicUrls = ["http://localhost:5000"];
        }

        var adminUrls = Split(config[$"{OrdersOptions.SectionName}:{nameof(OrdersOptions.AdminUrls)}"] ?? new OrdersOptions().AdminUrls);
        // Kestrel logs "Overriding address(es)" when URLs are configured: expected, we bind those same URLs.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in publicUrls)
            {
                Listen(kestrel, url, endpoints.Public, _ => { });
            }

            foreach (var url in adminUrls)
            {
                Listen(kestrel, url, endpoints.Admin, o => o.Use(next => connection =>
                {
                    connection.Items[AdminItem] = true;
                    return next(connection);
                }));
            }
        });
    }

    /// <summary>True when the request came in on an admin listener.</summary>
    public static bool IsAdmin(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(AdminItem) == true;

    private static void Listen(KestrelServerOptions kestrel, string url, List<ListenOptions> bound, Action<ListenOptions> configure)
    {
        var address = BindingAddress.Parse(url);
        if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Only http:// listen addresses are supported; got '{url}'.");
        }

        void Capture(ListenOptions options)
        {
            configure(options);
            bound.Add(options);
        }

        if (address.Host is "localhost")
        {
            kestrel.ListenLocalhost(address.Port, Capture);
        }
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            kestrel.Listen(ip, address.Port, Capture);
        }
        else
        {
            // '*', '+' and host names: every interface, as Kestrel itself does for URLs.
            kestrel.ListenAnyIP(address.Port, Capture);
        }
    }

    private static List<string> Split(string? urls) =>
        (urls ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
