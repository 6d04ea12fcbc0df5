using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace OrderLeakLab.LoadTests.Tests.TestSupport;

/// <summary>
/// The real order service (services/OrderService, Release or Debug build) as a child process on OS-chosen
/// loopback ports, so a test can stall it (SIGSTOP) or kill it. Disposing kills it and waits for it to go.
/// </summary>
internal sealed partial class OrderServiceChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OrderServiceChild(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static async Task<OrderServiceChild> StartAsync(string variant = "fixed", IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(FindServiceDll());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["Orders__Variant"] = variant;
        info.Environment["Orders__AdminUrls"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var child = new OrderServiceChild(Process.Start(info)!);
        child._process.OutputDataReceived += (_, e) => child.Read(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Read(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        try
        {
            child.BaseAddress = await child._listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
            return child;
        }
        catch (TimeoutException)
        {
            await child.DisposeAsync();
            throw new InvalidOperationException($"OrderService did not announce its port. Output:\n{child._output}");
        }
    }

    /// <summary>Freezes the process (SIGSTOP): the kernel still accepts connections, nothing answers.</summary>
    public void Stall() => Signal("STOP");

    /// <summary>Kills the process (SIGKILL): connections reset, new ones refused.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static string FindServiceDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            // The configuration the tests were built in first: that is the build that is current.
            var mine = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            foreach (var configuration in new[] { mine, mine == "Release" ? "Debug" : "Release" })
            {
                var dll = Path.Combine(dir.FullName, "services", "OrderService", "bin", configuration, "net10.0", "OrderService.dll");
                if (File.Exists(dll))
                {
                    return dll;
                }
            }
        }

        throw new FileNotFoundException("services/OrderService is not built; build the solution first.");
    }

    [GeneratedRegex(@"Orders listening on: (\S+)")]
    private static partial Regex ListeningLine();
}
