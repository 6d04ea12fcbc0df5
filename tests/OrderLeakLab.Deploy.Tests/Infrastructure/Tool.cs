using System.Diagnostics;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>Runs a real command-line tool to completion and returns its exit code and output.</summary>
internal static class Tool
{
    /// <summary>The outcome of one run.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Standard output, then standard error.</summary>
        public string Output => Stdout + Stderr;

        /// <inheritdoc />
        public override string ToString() => $"exit {ExitCode}\n{Output}";
    }

    /// <summary>True when <paramref name="name"/> is an executable on PATH.</summary>
    public static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/> to completion in <paramref name="workingDirectory"/> (default
    /// the repository root) with extra environment variables; killed with its children after <paramref name="timeout"/>
    /// (default 3 minutes).
    /// </summary>
    public static async Task<Result> RunAsync(
        string file, IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(3);
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        using var deadline = new CancellationTokenSource(limit);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish in {limit.TotalSeconds:0} s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
