using System.Diagnostics;
using OrderLeakLab.Inspect.Tests.TestTarget;

namespace OrderLeakLab.Inspect.Tests.Support;

/// <summary>Starts <see cref="WebTargetProgram"/> (a plain ASP.NET Core app) as a real process and ends it on dispose.</summary>
public sealed class WebTarget : IAsyncDisposable
{
    private readonly Process _process;

    private WebTarget(Process process) => _process = process;

    public int Pid => _process.Id;

    public HttpClient Http { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 200 }) { Timeout = Timeout.InfiniteTimeSpan };

    public static async Task<WebTarget> StartAsync()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(WebTargetProgram).Assembly.Location);
        info.ArgumentList.Add("web");
        var target = new WebTarget(Process.Start(info)!);
        try
        {
            var line = await target._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.StartsWith("listening ", line, StringComparison.Ordinal);
            target.Http.BaseAddress = new Uri(line!["listening ".Length..]);
            await Eventually.UntilAsync(() => Inspect.Targets.DotNetProcess.FindDiagnosticsSocket(target.Pid) is not null, TimeSpan.FromMinutes(2), "diagnostics socket");
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
