using System.Diagnostics;

namespace OrderLeakLab.Lab.Tests.Report;

/// <summary>Runs Debian's /usr/bin/chromium headless (never a downloaded browser), one process per call, always ended.</summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>The DOM after the page loaded and its scripts ran.</summary>
    public static async Task<string> DumpDomAsync(string htmlPath) => await RunAsync(["--dump-dom", new Uri(htmlPath).AbsoluteUri]);

    /// <summary>Writes a PNG screenshot of the page at the given window size.</summary>
    public static async Task ScreenshotAsync(string htmlPath, string pngPath, int width, int height) =>
        await RunAsync([$"--screenshot={pngPath}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(htmlPath).AbsoluteUri]);

    private static async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        var profile = Directory.CreateTempSubdirectory("leaklab-chromium-").FullName;
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                     "--force-device-scale-factor=1", $"--user-data-dir={profile}"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(deadline.Token);
            return process.ExitCode == 0
                ? await stdout
                : throw new InvalidOperationException($"chromium exited {process.ExitCode}: {await stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            Directory.Delete(profile, recursive: true);
        }
    }
}
