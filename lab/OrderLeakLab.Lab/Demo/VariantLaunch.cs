using System.Globalization;
using OrderLeakLab.Lab.Cgroups;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Demo;

/// <summary>VariantLaunch builds how one variant of the order service is started: its command, addresses and memory settings.</summary>
public static class VariantLaunch
{
    /// <summary>
    /// Builds the launch for <paramref name="variant"/> of leak pattern <paramref name="leak"/>. In a cgroup, <see cref="OomMode.Kernel"/> sets the GC heap
    /// hard limit above the cgroup limit (the kernel kills first) and <see cref="OomMode.Managed"/> removes any
    /// inherited one (.NET defaults). Without a cgroup the GC heap hard limit is the only limit there is.
    /// </summary>
    public static LaunchSpec Create(
        string variant, string serviceDll, int httpPort, int adminPort, IMemoryCgroup? cgroup, OomMode oom, long limitBytes, string leak = LeakPatterns.Default)
    {
        var gcLimit = cgroup is null
            ? "0x" + limitBytes.ToString("x", CultureInfo.InvariantCulture)
            : oom == OomMode.Kernel ? LabDefaults.KernelOomGcHeapHardLimit : null;
        var environment = new Dictionary<string, string?>
        {
            ["Orders__Variant"] = variant,
            ["Orders__Leak"] = leak,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["Orders__AdminUrls"] = $"http://127.0.0.1:{adminPort}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // The supervisor keeps the output tail as evidence; per-request logs would only cost CPU.
            ["Logging__LogLevel__Default"] = "Warning",
            [LabDefaults.GcHeapHardLimitVariable] = gcLimit,
            ["DOTNET_GCHeapHardLimitPercent"] = null,
        };
        return new LaunchSpec("dotnet", [serviceDll], environment, cgroup?.ProcsFile);
    }
}
