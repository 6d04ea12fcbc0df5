using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrderService.Tests.Fixtures;

/// <summary>
/// OrderServiceProcess runs the real order service as a child process (<c>dotnet OrderService.dll</c>) on free
/// loopback ports (port 0, read back from its log) and ends it on dispose.
/// <code>
/// await using var service = await OrderServiceProcess.StartAsync(new() { Variant = "leaky" });
/// var response = await service.Client.PostAsync("/orders", body);
/// </code>
/// The service DLL comes from <c>ORDERSERVICE_DLL</c> or <c>services/OrderService/bin/&lt;config&gt;/net10.0</c>
/// of the enclosing repository (built with the test project, which references it).
/// </summary>
public sealed partial class OrderServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OrderServiceProcess(Process process) => _process = process;

    /// <summary>The public base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The admin listener's base address.</summary>
    public Uri AdminAddress { get; private set; } = null!;

    /// <summary>Client for the public listener.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Client for the admin listener.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The service's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the service wrote to stdout and stderr so far.</summary>
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

    /// <summary>Path of the service DLL the fixture runs.</summary>
    public static string ServiceDll => Environment.GetEnvironmentVariable("ORDERSERVICE_DLL") is { Length: > 0 } dll ? dll : FindServiceDll();

    /// <summary>Starts the service and waits until it is ready (<c>/readyz</c> answers 200).</summary>
    public static async Task<OrderServiceProcess> StartAsync(OrderServiceOptions options)
    {
        var service = new OrderServiceProcess(Launch(options));
        service.Capture();
        try
        {
            await service._listening.Task.WaitAsync(options.StartupTimeout);
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            service.Client = new HttpClient(handler, disposeHandler: true) { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            service.Admin = new HttpClient { BaseAddress = service.AdminAddress, Timeout = TimeSpan.FromSeconds(60) };
            await Eventually.UntilAsync(async () => (await service.Client.GetAsync("readyz")).IsSuccessStatusCode, options.StartupTimeout, "/readyz");
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
        await using var service = new OrderServiceProcess(Launch(options));
        service.Capture();
        using var timeout = new CancellationTokenSource(options.StartupTimeout);
        await service._process.WaitForExitAsync(timeout.Token);
        service._process.WaitForExit(); // drains the redirected output
        return (service._process.ExitCode, service.Output);
    }

    /// <summary>Scrapes <c>/metrics</c>.</summary>
    public async Task<PrometheusText> GetMetricsAsync() => new(await Client.GetStringAsync("metrics"));

    /// <summary><c>POST /debug/gc</c>: a full compacting collection, with heap sizes before and after.</summary>
    public async Task<GcResult> CollectGarbageAsync()
    {
        using var response = await Admin.PostAsync("debug/gc", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<GcResult>())!;
    }

    /// <summary><c>GET /debug/workers?format=json</c>.</summary>
    public async Task<WorkersResult> GetWorkersAsync() =>
        (await Admin.GetFromJsonAsync<WorkersResult>("debug/workers?format=json"))!;

    /// <summary>Posts <paramref name="count"/> copies of <paramref name="body"/> with <paramref name="concurrency"/> in flight; returns the status codes.</summary>
    public async Task<int[]> PostOrdersAsync(string body, int count, int concurrency = 50)
    {
        var codes = new int[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await Client.PostAsync("orders", content, ct);
            codes[i] = (int)response.StatusCode;
        });
        return codes;
    }

    /// <summary>Ends the process (and anything it started) and waits for it to go.</summary>
    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        Admin?.Dispose();
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

    private static Process Launch(OrderServiceOptions options)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (options.CgroupProcsFile is null)
        {
            info.FileName = dotnet;
            info.ArgumentList.Add(ServiceDll);
        }
        else
        {
            // Join the cgroup first, then become the service: the runtime must start inside its limit.
            info.FileName = "/bin/sh";
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("echo $$ > \"$0\" && exec \"$1\" \"$2\"");
            info.ArgumentList.Add(options.CgroupProcsFile);
            info.ArgumentList.Add(dotnet);
            info.ArgumentList.Add(ServiceDll);
        }

        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Orders__AdminUrls"] = "http://127.0.0.1:0";
        info.Environment["Orders__Variant"] = options.Variant;
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in options.Environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
    }

    private void Capture()
    {
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (Listening().Match(line) is { Success: true } m)
        {
            var url = new Uri(m.Groups["url"].Value.TrimEnd('/') + "/");
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
                _listening.TrySetResult();
            }
        }
    }

    private static string FindServiceDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
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
