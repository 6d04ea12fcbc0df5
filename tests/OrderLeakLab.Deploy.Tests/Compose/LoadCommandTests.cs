using System.Reflection;
using OrderLeakLab.Deploy.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrderLeakLab.Deploy.Tests.Compose;

/// <summary>The load service's command line (compose, and the identical k8s Job args) is one the load executable accepts.</summary>
public class LoadCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ComposeLoadCommand_RealLoadExecutable_RunsAgainstBothTargets()
    {
        await using var service = await OrderServiceProcess.StartAsync(new()
        {
            Variant = "fixed",
            Environment = new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
            StartupTimeout = TimeSpan.FromSeconds(60),
        });
        var local = service.BaseAddress.ToString().TrimEnd('/');
        // The same arguments with the compose hosts pointed at the local service, and a short, gentle run.
        var args = YamlJson.ReadObject(RepoPaths.Of("docker-compose.yml"))["services"]!["load"]!["command"]!.AsArray()
            .Select(a => (string)a!)
            .Select(a => a.Replace("http://orders-leaky:8080", local, StringComparison.Ordinal)
                          .Replace("http://orders-fixed:8080", local, StringComparison.Ordinal))
            .ToList();
        args[args.IndexOf("--duration") + 1] = "3s";
        args[args.IndexOf("--rate") + 1] = "100";

        var result = await Tool.RunAsync("dotnet", [LoadDll(), .. args]);

        output.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("leaky", result.Output);
        Assert.Contains("fixed", result.Output);
    }

    private static string LoadDll()
    {
        var configuration = typeof(LoadCommandTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        return RepoPaths.Of($"loadtests/OrderLeakLab.LoadTests/bin/{configuration}/net10.0/OrderLeakLab.LoadTests.dll");
    }
}
