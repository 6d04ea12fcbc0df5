using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace OrderLeakLab.Testing;

/// <summary>
/// OrderServiceProcess is the one way tests start the real order service: a child process (<c>dotnet OrderService.dll</c>)
/// on loopback ports (port 0 by default, read back from its "Orders/Admin listening on:" lines), ready once
/// <c>/readyz</c> answers 200, its output kept, and killed with anything it started on dispose.
/// <code>
/// await using var service = await OrderServiceProcess.StartAsync(new() { Variant = "leaky" });
/// var response = await service.Client.PostAsync("orders", body);
/// </code>
/// The service DLL comes from <see cref="OrderServiceOptions.ServiceDll"/>, <c>ORDERSERVICE_DLL</c>, or
/// <c>services/OrderService/bin/&lt;this build's configuration&gt;/net10.0</c> of the enclosing repository (built first:
/// OrderLeakLab.Testing references the service for build order).
/// </summary>
public sealed partial class OrderServiceProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private OrderServiceOptions _options;
    private Process _process = null!;
    private TaskCompletionSource _listening = null!;

    private OrderServiceProcess(OrderServiceOptions options) => _options = options;

    /// <summary>The public base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The admin listener's base address (<c>/debug/*</c>).</summary>
    public Uri AdminAddress { get; private set; } = null!;

    /// <summary>Client for the public listener.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Client for the admin listener.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The service's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the service's process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the service wrote to stdout and stderr so far (across restarts).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Path of the built service DLL.</summary>
    public static string ServiceDll => Environment.GetEnvironmentVariable("ORDERSERVICE_DLL") is { Length: > 0 } dll ? dll : FindServiceDll();

    /// <summary>Starts the service and waits until it is ready (<c>/readyz</c> answers 200).</summary>
    /// <exception cref="InvalidOperationException">It exited or was not ready in time; the message holds its output.</exception>
    public static async Task<OrderServiceProcess> StartAsync(OrderServiceOptions options)
    {
        var service = new OrderServiceProcess(options);
        try
        {
            await service.LaunchAndWaitReadyAsync();
            return service;
        }
        catch (Exception ex)
        {
            await service.DisposeAsync();
            throw new InvalidOperationException($"OrderService did not start ({ex.Message}). Its output:\n{service.Output}", ex);
        }
    }

    /// <summary>Runs the service expecting it to exit by itself (e.g. bad configuration); returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(OrderServiceOptions options)
    {
        await using var service = new OrderServiceProcess(options);
        service.Launch();
        using var timeout = new CancellationTokenSource(options.StartupTimeout);
        await service._process.WaitForExitAsync(timeout.Token);
        service._process.WaitForExit(); // drains the redirected output
        return (service._process.ExitCode, service.Output);
    }

    /// <summary>"running" or "exit N", then the last lines of output: for failure messages.</summary>
    public string Describe() =>
        $"{(_process.HasExited ? $"exit {_process.ExitCode}" : "running")}\n{string.Join('\n', Output.Split('\n').TakeLast(40))}";

    /// <summary>Whether <c>GET /readyz</c> answers 200 within <paramref name="timeout"/> (default 2 s); false when it refuses or times out.</summary>
    public async Task<bool> IsReadyAsync(TimeSpan? timeout = null)
    {
        try
        {
            using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(2));
            using var response = await Client.GetAsync("readyz", cancel.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Kills the process (as a liveness probe would) and starts a new one on the same ports, so it comes back as the same
    /// scrape target; returns once the new one is ready.
    /// </summary>
    public async Task RestartAsync()
    {
        Kill();
        _process.Dispose();
        _options = _options with { Port = BaseAddress.Port, AdminPort = AdminAddress.Port };
        await LaunchAndWaitReadyAsync();
    }

    /// <summary>Kills the process and anything it started (SIGKILL), and waits for it to go.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // exited already, or never started
        }
    }

    /// <summary>Ends the process (and anything it started) and waits for it to go.</summary>
    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        Admin?.Dispose();
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
    }

    private async Task LaunchAndWaitReadyAsync()
    {
        Launch();
        await _listening.Task.WaitAsync(_options.StartupTimeout);
        Client ??= new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        Admin ??= new HttpClient { BaseAddress = AdminAddress, Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.UntilAsync(
            async () => _process.HasExited ? throw new InvalidOperationException($"it exited {_process.ExitCode} before it was ready") : await IsReadyAsync(),
            _options.StartupTimeout,
            "/readyz");
    }

    private void Launch()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var dll = _options.ServiceDll ?? ServiceDll;
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (_options.CgroupProcsFile is null)
        {
            info.FileName = dotnet;
            info.ArgumentList.Add(dll);
        }
        else
        {
            // Join the cgroup first, then become the service: the runtime must start inside its limit.
            info.FileName = "/bin/sh";
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("echo $$ > \"$0\" && exec \"$1\" \"$2\"");
            info.ArgumentList.Add(_options.CgroupProcsFile);
            info.ArgumentList.Add(dotnet);
            info.ArgumentList.Add(dll);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_options.Port}";
        info.Environment["Orders__AdminUrls"] = $"http://127.0.0.1:{_options.AdminPort}";
        info.Environment["Orders__Variant"] = _options.Variant;
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in _options.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        // This launch's own completion: a late line or exit of a process killed by RestartAsync must not reach the next one.
        var listening = _listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (BaseAddress, AdminAddress) = (null!, null!);
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, listening);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, listening);
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("it exited before it was listening"));
        if (!_process.Start())
        {
            throw new InvalidOperationException($"Could not start {info.FileName}.");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void OnLine(string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (!listening.Task.IsCompleted && Listening().Match(line) is { Success: true } m)
        {
            var url = new Uri(m.Groups["url"].Value.TrimEnd('/') + "/");
            if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
            {
                // Bound to every address (e.g. the compose environment's ASPNETCORE_HTTP_PORTS): reach it on loopback.
                url = new UriBuilder(url) { Host = "127.0.0.1" }.Uri;
            }

            if (m.Groups["kind"].Value == "Orders")
            {
                BaseAddress ??= url;
            }
            else
            {
                AdminAddress ??= url;
            }

            if (BaseAddress is not null && AdminAddress is not null)
            {
                listening.TrySetResult();
            }
        }
    }

    private static string FindServiceDll()
    {
        var configuration = typeof(OrderServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrderLeakLab.sln")))
            {
                var dll = Path.Combine(dir.FullName, "services", "OrderService", "bin", configuration, "net10.0", "OrderService.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"Build the service first: dotnet build services/OrderService -c {configuration}", dll);
            }
        }

        throw new DirectoryNotFoundException($"No OrderLeakLab.sln above {AppContext.BaseDirectory}; set ORDERSERVICE_DLL.");
    }

    [GeneratedRegex(@"(?<kind>Orders|Admin) listening on: (?<url>http://\S+)")]
    private static partial Regex Listening();
}
