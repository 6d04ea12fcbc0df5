using System.Diagnostics;
using OrderLeakLab.Lab.Demo;

namespace OrderLeakLab.Lab.Tests.Soak;

/// <summary>The real order service (one variant) as a child process on free loopback ports; disposing ends it.</summary>
internal sealed class OrderServiceProcess : IAsyncDisposable
{
    private readonly Process process;

    private OrderServiceProcess(Process process, Uri baseUrl) => (this.process, BaseUrl) = (process, baseUrl);

    public Uri BaseUrl { get; }

    public int Pid => process.Id;

    public static async Task<OrderServiceProcess> StartAsync(string variant)
    {
        var dll = ServiceLocator.Find(null, out var looked) ?? throw new FileNotFoundException($"OrderService.dll not built; looked at {looked}");
        var (http, admin) = (FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["Orders__Variant"] = variant;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{http}";
        start.Environment["Orders__AdminUrls"] = $"http://127.0.0.1:{admin}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new OrderServiceProcess(process, new Uri($"http://127.0.0.1:{http}/"));
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
