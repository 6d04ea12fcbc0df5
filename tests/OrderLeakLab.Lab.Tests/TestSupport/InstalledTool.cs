using System.Diagnostics;
using System.Runtime.InteropServices;
using OrderLeakLab.Lab.Demo;

namespace OrderLeakLab.Lab.Tests.TestSupport;

/// <summary>
/// The <c>leaklab</c> .NET tool as a user gets it: this build packed with <c>dotnet pack</c> and installed with
/// <c>dotnet tool install --tool-path … --add-source …</c> into a temporary folder that disposing deletes. Only the
/// local feed is a package source, so the install needs no network and cannot pick up another package's "leaklab".
/// </summary>
internal sealed class InstalledTool : IDisposable
{
    private InstalledTool(string root) => Root = root;

    /// <summary>The temporary folder holding the feed (<c>feed/</c>) and the tool path (<c>tools/</c>).</summary>
    public string Root { get; }

    /// <summary>The installed command, <c>tools/leaklab</c>.</summary>
    public string Executable => Path.Combine(Root, "tools", "leaklab");

    /// <summary>The packed <c>leaklab.VERSION.nupkg</c>.</summary>
    public string Package => Directory.EnumerateFiles(Path.Combine(Root, "feed"), "leaklab.*.nupkg").Single();

    /// <summary>The order service the package carries, as installed.</summary>
    public string CarriedServiceDll =>
        Directory.EnumerateFiles(Path.Combine(Root, "tools", ".store"), ServiceLocator.DllName, SearchOption.AllDirectories)
            .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) == ServiceLocator.PackagedFolder);

    /// <summary>Packs the lab built beside these tests (no rebuild) and installs the package.</summary>
    public static async Task<InstalledTool> PackAndInstallAsync()
    {
        var tool = new InstalledTool(Directory.CreateTempSubdirectory("leaklab-tool").FullName);
        try
        {
            var project = Path.Combine(RepositoryRoot(), "lab", "OrderLeakLab.Lab", "OrderLeakLab.Lab.csproj");
            var feed = Path.Combine(tool.Root, "feed");
            await tool.RunDotnetAsync("pack", project, "-c", ServiceLocator.BuildConfiguration, "--no-build", "-o", feed, "-nologo");
            var config = Path.Combine(tool.Root, "nuget.config");
            await File.WriteAllTextAsync(config, "<configuration><packageSources><clear /></packageSources></configuration>");
            await tool.RunDotnetAsync("tool", "install", "--tool-path", Path.Combine(tool.Root, "tools"), "--add-source", feed,
                "--configfile", config, "leaklab", "--version", LabVersion.Text);
            return tool;
        }
        catch
        {
            tool.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>leaklab ARGS</c> in <paramref name="workingDirectory"/> to its end; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(Executable) { WorkingDirectory = workingDirectory };
        Prepare(psi);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        return await RunAsync(psi, TimeSpan.FromMinutes(3));
    }

    /// <summary>
    /// Sets up <paramref name="psi"/> for the installed command: the apphost shim finds the runtime through
    /// <c>DOTNET_ROOT</c> (what <c>actions/setup-dotnet</c> sets too), here the runtime these tests run on.
    /// </summary>
    public void Prepare(ProcessStartInfo psi)
    {
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.Environment["DOTNET_ROOT"] = DotnetRoot;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    // …/shared/Microsoft.NETCore.App/10.0.x/ → the folder holding the dotnet muxer.
    private static string DotnetRoot => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrderLeakLab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no OrderLeakLab.sln above {AppContext.BaseDirectory}");
    }

    private async Task RunDotnetAsync(params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(DotnetRoot, "dotnet")) { WorkingDirectory = Root };
        Prepare(psi);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        var (exit, output) = await RunAsync(psi, TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"dotnet {string.Join(' ', args)} exited {exit}:\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo psi, TimeSpan deadline)
    {
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{psi.FileName} {string.Join(' ', psi.ArgumentList)} still running after {deadline.TotalMinutes:0} min:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
