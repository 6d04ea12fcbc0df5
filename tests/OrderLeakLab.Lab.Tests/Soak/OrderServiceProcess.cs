using OrderLeakLab.Common;
using System.Diagnostics;
using OrderLeakLab.Lab.Demo;

namespace OrderLeakLab.Lab.Tests.Soak;

/// <summary>The real order service (one variant) as a child process on free loopback ports; disposing ends it.</summary>
internal sealed class OrderServiceProcess : IAsyncDisposable
{
    private readonly Process process;

    private OrderServiceProcess(Process process, Uri baseUrl, Uri adminUrl) => (this.process, BaseUrl, AdminUrl) = (process, baseUrl, adminUrl);

    public Uri BaseUrl { get; }

    /// <summary>The admin listener (<c>/debug/workers</c>).</summary>
    public Uri AdminUrl { get; }

    public int Pid => process.Id;

    /// <summary>Starts the built service, or <paramref name="dll"/>, with <paramref name="settings"/> as extra environment (e.g. Orders__Deadline).</summary>
    public static async Task<OrderServiceProcess> StartAsync(string variant, string? dll = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        dll ??= ServiceLocator.Find(null, out var looked) ?? throw new FileNotFoundException($"OrderService.dll not built; looked at {looked}");
        var (http, admin) = (FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["Orders__Variant"] = variant;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{http}";
        start.Environment["Orders__AdminUrls"] = $"http://127.0.0.1:{admin}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new OrderServiceProcess(process, new Uri($"http://127.0.0.1:{http}/"), new Uri($"http://127.0.0.1:{admin}/"));
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"OrderService ({variant}) exited {process.ExitCode} before it was ready");
                }

                try
                {
                    if ((await client.GetAsync(new Uri(service.BaseUrl, "readyz"))).IsSuccessStatusCode)
                    {
                        return service;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Busy machine; try again.
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"OrderService ({variant}) not ready after 60s");
                }

                await Task.Delay(100);
            }
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }
}
