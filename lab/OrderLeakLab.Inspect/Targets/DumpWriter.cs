using System.Diagnostics;
using Microsoft.Diagnostics.NETCore.Client;

namespace OrderLeakLab.Inspect.Targets;

/// <summary>
/// Writes a heap dump of a .NET process. It runs the target runtime's own <c>createdump</c> as our child when it
/// may trace the target (root, or ptrace_scope 0): the dump's page cache is then charged to our memory cgroup, not
/// to the target's — asked through <see cref="DiagnosticsClient.WriteDump(DumpType, string, bool)"/>, the runtime
/// forks createdump inside the target's cgroup, where a 200 MB dump of a process at 80% of its limit competes with
/// it for the same memory. Otherwise (or if createdump fails) it asks the runtime. The target is paused only while
/// the dump is written (~0.5 s measured here).
/// </summary>
internal static class DumpWriter
{
    public static async Task WriteAsync(int pid, string path, CancellationToken cancellationToken)
    {
        if (FindCreatedump(pid) is { } createdump && MayTrace())
        {
            var info = new ProcessStartInfo(createdump) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "--withheap", "-f", path, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(CancellationToken.None), process.StandardError.ReadToEndAsync(CancellationToken.None));
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(); // createdump detaches from the target as it dies
                throw;
            }

            await drain;
            if (process.ExitCode == 0 && File.Exists(path))
            {
                return;
            }
        }

        await new DiagnosticsClient(pid).WriteDumpAsync(DumpType.WithHeap, path, logDumpGeneration: false, cancellationToken);
    }

    /// <summary>The <c>createdump</c> beside the target's <c>libcoreclr.so</c>, or null.</summary>
    private static string? FindCreatedump(int pid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/maps")
                .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? line[slash..] : null)
                .Where(file => file is not null && file.EndsWith("/libcoreclr.so", StringComparison.Ordinal))
                .Select(file => Path.Combine(Path.GetDirectoryName(file)!, "createdump"))
                .FirstOrDefault(File.Exists);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool MayTrace()
    {
        if (Environment.UserName == "root")
        {
            return true;
        }

        try
        {
            return File.ReadAllText("/proc/sys/kernel/yama/ptrace_scope").Trim() == "0";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // no Yama: classic ptrace rules (same user) apply
        }
    }
}
