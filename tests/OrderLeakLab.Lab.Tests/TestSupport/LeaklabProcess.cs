using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using OrderLeakLab.Lab.Cgroups;

namespace OrderLeakLab.Lab.Tests.TestSupport;

/// <summary>A real <c>leaklab</c> process (the one built beside the tests), its output, and a cleanup that leaves nothing behind even when a test fails.</summary>
internal sealed partial class LeaklabProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly PublicCopy? _publicCopy;

    private LeaklabProcess(IEnumerable<string> args, string? user = null, InstalledTool? installed = null, string? workingDirectory = null)
    {
        InterruptDisposition.EnsureDeliverable(); // the lab must receive the tests' Ctrl-C even when this run is in the background
        var binDirectory = AppContext.BaseDirectory;
        var fileName = installed?.Executable ?? (user is null ? "dotnet" : "/usr/sbin/runuser");
        var psi = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (installed is not null)
        {
            installed.Prepare(psi);
        }

        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }

        if (user is not null)
        {
            var home = Directory.CreateTempSubdirectory("leaklab-home").FullName;
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(home, (UnixFileMode)0x1FF); // rwx for the other user
            }
            foreach (var a in new[] { "-u", user, "--", "env", $"HOME={home}", $"DOTNET_CLI_HOME={home}", "dotnet" })
            {
                psi.ArgumentList.Add(a);
            }

            _publicCopy = PublicCopy.Of(binDirectory);
            binDirectory = _publicCopy.Root;
            psi.WorkingDirectory = home; // the test's own working directory may be one the other user cannot enter

        }

        if (installed is null)
        {
            psi.ArgumentList.Add(Path.Combine(binDirectory, "leaklab.dll"));
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static LeaklabProcess Start(params string[] args) => new(args);

    /// <summary>
    /// Starts leaklab as another (unprivileged) user through runuser, from a copy that user can read; pass
    /// <c>--service-dll</c> from a <see cref="PublicCopy"/> too, since the copy is outside the checkout.
    /// </summary>
    public static LeaklabProcess StartAs(string user, params string[] args) => new(args, user);

    /// <summary>Starts the <c>leaklab</c> command of an installed tool in <paramref name="workingDirectory"/>.</summary>
    public static LeaklabProcess StartInstalled(InstalledTool tool, string workingDirectory, params string[] args) =>
        new(args, installed: tool, workingDirectory: workingDirectory);

    public int Pid => _process.Id;

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string Output => string.Join('\n', _lines);

    /// <summary>Every "NAME: started pid N in CGROUP" the lab printed.</summary>
    public IReadOnlyList<(string Name, int Pid, string Cgroup)> Started =>
        Lines.Select(l => StartedLine().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value), m.Groups[3].Value)).ToArray();

    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan deadline, string what)
    {
        await Eventually.UntilAsync(() => _lines.Any(match) || _process.HasExited, deadline, what);
        if (!_lines.Any(match))
        {
            throw new InvalidOperationException($"leaklab exited ({_process.ExitCode}) before: {what}\n{Output}");
        }
    }

    public void Interrupt()
    {
        Assert.False(InterruptDisposition.IsIgnored(_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"lab pid {_process.Id} ignores SIGINT, so Ctrl-C cannot reach it");
        Assert.Equal(0, Kill(_process.Id, 2));
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        await _process.WaitForExitAsync().WaitAsync(deadline);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        foreach (var (_, pid, cgroup) in Started)
        {
            if (ProcessProbe.IsAlive(pid))
            {
                _ = Kill(pid, 9);
            }

            if (cgroup.Length > 0)
            {
                await MemoryCgroupHost.RemoveAsync(cgroup, TimeSpan.FromSeconds(10));
            }
        }

        _process.Dispose();
        _publicCopy?.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"^(\w+): started pid (\d+)(?: in (\S+))?$")]
    private static partial Regex StartedLine();
}
