using OrderLeakLab.Common;
using System.Reflection;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>
/// The built order service as a real process on fixed-for-its-lifetime free loopback ports (public and admin),
/// so a restart comes back as the same Prometheus target, as a container does.
/// </summary>
internal sealed class OrderServiceProcess : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> _env;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private ChildProcess _process;

    /// <summary>Starts variant <paramref name="variant"/> with <paramref name="gcHeapHardLimit"/> as DOTNET_GCHeapHardLimit.</summary>
    public OrderServiceProcess(string variant, string gcHeapHardLimit)
    {
        Variant = variant;
        Port = FreePort.Next();
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        _env = new Dictionary<string, string>
        {
            ["Orders__Variant"] = variant,
            ["ASPNETCORE_URLS"] = BaseUri.ToString().TrimEnd('/'),
            ["Orders__AdminUrls"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["DOTNET_GCHeapHardLimit"] = gcHeapHardLimit,
            ["DOTNET_gcServer"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        _process = Launch();
    }

    /// <summary>leaky or fixed.</summary>
    public string Variant { get; }

    /// <summary>The public port (orders, health, metrics).</summary>
    public int Port { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseUri { get; }

    /// <summary>How many times the process was started again.</summary>
    public int Restarts { get; private set; }

    /// <summary>True once the current process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The current process's exit code and last output, for messages.</summary>
    public string Describe() => _process.HasExited ? $"exit {_process.ExitCode}\n{_process.Tail}" : $"running\n{_process.Tail}";

    /// <summary>Waits until GET /readyz answers 200.</summary>
    public Task WaitReadyAsync(TimeSpan timeout) =>
        Eventually.UntilAsync(async () =>
        {
            Assert.False(_process.HasExited, $"{Variant} exited before it was ready: {Describe()}");
            return await IsReadyAsync();
        }, timeout, () => $"{Variant} not ready: {Describe()}");

    /// <summary>GET /readyz within a second.</summary>
    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(BaseUri, "readyz"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Ends the current process (a liveness probe's kill) if it still runs, and starts a new one on the same ports.</summary>
    public void Restart()
    {
        _process.Dispose();
        _process = Launch();
        Restarts++;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _process.Dispose();
    }

    private ChildProcess Launch() => ChildProcess.Start("dotnet", [ServiceDll()], _env);

    /// <summary>services/OrderService/bin/&lt;this build's configuration&gt;/net10.0/OrderService.dll (built via the ProjectReference).</summary>
    internal static string ServiceDll()
    {
        var configuration = typeof(OrderServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = RepoPaths.Of($"services/OrderService/bin/{configuration}/net10.0/OrderService.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the service first: {dll}");
    }
}
