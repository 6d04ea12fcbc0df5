namespace OrderLeakLab.Lab;

/// <summary>
/// LabDefaults holds the settings the embedded lab, <c>docker-compose.yml</c> and <c>k8s/</c> must agree on;
/// a test reads all three against these values.
/// </summary>
public static class LabDefaults
{
    /// <summary>Memory limit per variant: 256 MiB, as in the incident's container.</summary>
    public const long MemoryLimitBytes = 256L * 1024 * 1024;

    /// <summary>Requests per second per variant.</summary>
    public const int RatePerTarget = 1000;

    /// <summary>
    /// GC heap hard limit set above the memory limit so the kernel, not the runtime, ends the process
    /// (exit 137, OOMKilled), as in the incident (DESIGN §2 "How it dies").
    /// </summary>
    public const string KernelOomGcHeapHardLimit = "0x40000000";

    /// <summary>Environment name of the GC heap hard limit.</summary>
    public const string GcHeapHardLimitVariable = "DOTNET_GCHeapHardLimit";

    /// <summary>Port the order service listens on inside a container or pod.</summary>
    public const int ContainerHttpPort = 8080;

    /// <summary>Admin (debug) port of the order service, Go's pprof port.</summary>
    public const int AdminPort = 6060;

    /// <summary>The two variants, by the name each runs under everywhere.</summary>
    public static readonly IReadOnlyList<string> Variants = ["leaky", "fixed"];
}
