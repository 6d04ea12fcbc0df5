using System.Diagnostics;

namespace OrderService.Tests.Fixtures;

/// <summary>Promtool runs <c>promtool check metrics</c> (Debian package <c>prometheus</c>) on an exposition.</summary>
public static class Promtool
{
    /// <summary>Pipes <paramref name="exposition"/> to <c>promtool check metrics</c>; returns its exit code and output.</summary>
    /// <exception cref="InvalidOperationException">promtool is not installed; the message says how to install it.</exception>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var info = new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("promtool is not installed (needed to check /metrics): apt-get install -y prometheus, or run ./test.sh which installs it.", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(exposition);
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            return (process.ExitCode, (await stdout) + (await stderr));
        }
    }
}
