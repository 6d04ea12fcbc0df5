using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrderLeakLab.Inspect.Tests.TestTarget;

/// <summary>
/// WebTargetProgram is a plain ASP.NET Core app on a loopback port chosen by the kernel (it prints
/// <c>listening URL</c>): <c>GET /ping</c> answers at once, <c>GET /block</c> blocks its thread on
/// <c>Task.Result</c> of a task that never completes — sync-over-async, the hang the headline must name.
/// </summary>
public static class WebTargetProgram
{
    public static int Run()
    {
        // Enough pool threads up front that 60 blocking requests block at once, instead of waiting a minute for
        // the pool's starvation-driven injection (the blocking, and what inspect shows of it, is the same).
        ThreadPool.SetMinThreads(100, 100);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var never = new TaskCompletionSource<string>();
        app.MapGet("/ping", () => "pong");
        app.MapGet("/block", () => BlockingApi.Get(never.Task));
        app.Start();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Console.WriteLine($"listening {address}");
        app.WaitForShutdown();
        return 0;
    }
}

/// <summary>The application frame the sync-over-async threads are blocked under.</summary>
public static class BlockingApi
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Get(Task<string> pending) => LoadAsync(pending).Result;

    private static async Task<string> LoadAsync(Task<string> pending) => await pending;
}
