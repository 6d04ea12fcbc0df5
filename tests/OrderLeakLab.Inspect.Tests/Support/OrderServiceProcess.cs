using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace OrderLeakLab.Inspect.Tests.Support;

/// <summary>
/// The real order service as a child process on loopback ports chosen by the kernel (port 0, learned from its
/// "Orders listening on:" line), with work that outlasts the deadline so that every leaky request leaks a worker.
/// </summary>
public sealed partial class OrderServiceProcess : IAsyncDisposable
{
    private const string Order = """{"customerId":"c-1","items":[{"sku":"SKU-1","quantity":2,"unitPrice":9.99}]}""";
    private readonly Process _process;
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromMinutes(2) };

    private OrderServiceProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Starts <paramref name="variant"/> of the catalog's <paramref name="leak"/> pattern (default: the incident's).</summary>
    public static async Task<OrderServiceProcess> StartAsync(string variant, string leak = "blocked-send")
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServiceDll());
        info.Environment["Orders__Variant"] = variant;
        info.Environment["Orders__Leak"] = leak;
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Orders__AdminUrls"] = "http://127.0.0.1:0";
        info.Environment["Orders__WorkMin"] = "00:00:00.300";
        info.Environment["Orders__WorkMax"] = "00:00:00.400";
        info.Environment["Orders__Deadline"] = "00:00:00.100";
        var service = new OrderServiceProcess(Process.Start(info)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        service._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningLine().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value));
            }
        };
        service._process.ErrorDataReceived += (_, _) => { };
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        try
        {
            service.BaseUrl = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends <paramref name="count"/> orders, at most <paramref name="concurrency"/> at a time; returns the status codes seen.</summary>
    public async Task<Dictionary<int, int>> SendOrdersAsync(int count, int concurrency = 64)
    {
        var codes = new Dictionary<int, int>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, ct) =>
        {
            using var content = new StringContent(Order, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await _http.PostAsync(new Uri(BaseUrl, "/orders"), content, ct);
            lock (codes)
            {
                codes[(int)response.StatusCode] = codes.GetValueOrDefault((int)response.StatusCode) + 1;
            }
        });
        return codes;
    }

    /// <summary>A metric's value from the service's own <c>/metrics</c> (summed over label sets).</summary>
    public async Task<double> MetricAsync(string name)
    {
        var text = await _http.GetStringAsync(new Uri(BaseUrl, "/metrics"));
        return text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length > name.Length && l[name.Length] is ' ' or '{'))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string ServiceDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "services", "OrderService", "bin", "Release", "net10.0", "OrderService.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException("OrderService.dll not found: run `dotnet build OrderLeakLab.sln -c Release` first");
    }

    [GeneratedRegex(@"Orders listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
