using System.Diagnostics;
using OrderLeakLab.Inspect.Tests.TestTarget;

namespace OrderLeakLab.Inspect.Tests.Support;

/// <summary>Starts the test assembly as a real target process with parked workers and ends it on dispose.</summary>
public sealed class ParkedWorkersTarget : IAsyncDisposable
{
    private readonly Process _process;

    private ParkedWorkersTarget(Process process) => _process = process;

    public int Pid => _process.Id;

    public static Task<ParkedWorkersTarget> StartAsync(int workers, int pooled = 0, int unrooted = 0, int blockedThreads = 0) =>
        StartAsync(["park", $"{workers}", $"{pooled}", $"{unrooted}", $"{blockedThreads}"]);

    /// <summary>Starts <see cref="RetentionTargetProgram"/>: <paramref name="count"/> objects kept by a <paramref name="kind"/> root.</summary>
    public static Task<ParkedWorkersTarget> StartRetainingAsync(string kind, int count) => StartAsync(["retain", kind, $"{count}"]);

    private static async Task<ParkedWorkersTarget> StartAsync(string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[typeof(ParkedWorkersProgram).Assembly.Location, .. args])
        {
            info.ArgumentList.Add(arg);
        }

        var target = new ParkedWorkersTarget(Process.Start(info)!);
        try
        {
            var line = await target._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal("ready", line);
            // The diagnostics socket appears as the runtime starts; wait for it rather than assume.
            await Eventually.UntilAsync(() => Inspect.Targets.DotNetProcess.FindDiagnosticsSocket(target.Pid) is not null, TimeSpan.FromMinutes(2), "diagnostics socket");
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a command and returns the answer line (<c>pong</c> for <c>ping</c>).</summary>
    public async Task<string?> SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
