namespace OrderLeakLab.Testing;

/// <summary>OrderServiceOptions says how <see cref="OrderServiceProcess"/> starts the service.</summary>
public sealed record OrderServiceOptions
{
    /// <summary><c>Orders__Variant</c>: <c>leaky</c> or <c>fixed</c> (anything else makes the service refuse to start).</summary>
    public required string Variant { get; init; }

    /// <summary>
    /// Extra environment variables, e.g. <c>Orders__Deadline</c>, over the launcher's own (<c>ASPNETCORE_URLS</c>,
    /// <c>Orders__AdminUrls</c>, <c>Orders__Variant</c>, <c>DOTNET_gcServer=0</c>); a null value removes the variable.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// A cgroup's <c>cgroup.procs</c> file: when set, the process joins that cgroup before the runtime starts
    /// (<c>sh -c 'echo $$ &gt; FILE; exec dotnet …'</c>), so the GC sizes itself for the cgroup's limit.
    /// </summary>
    public string? CgroupProcsFile { get; init; }

    /// <summary>The service DLL to run; default <see cref="OrderServiceProcess.ServiceDll"/> (e.g. the copy an installed tool carries).</summary>
    public string? ServiceDll { get; init; }

    /// <summary>The public port on 127.0.0.1; default 0, the kernel's choice (read back from the service's log).</summary>
    public int Port { get; init; }

    /// <summary>The admin port on 127.0.0.1; default 0, the kernel's choice.</summary>
    public int AdminPort { get; init; }

    /// <summary>How long to wait for the listening lines and <c>/readyz</c>. Default 90 s (a busy 2-core machine).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Shorthand: a variant whose work always outlasts the deadline (work 1 s, deadline 200 ms).</summary>
    public static OrderServiceOptions AlwaysLate(string variant) => new()
    {
        Variant = variant,
        Environment = new Dictionary<string, string?>
        {
            ["Orders__WorkMin"] = "00:00:01",
            ["Orders__WorkMax"] = "00:00:01",
            ["Orders__Deadline"] = "00:00:00.200",
        },
    };

    /// <summary>Shorthand: <paramref name="variant"/> of leak pattern <paramref name="leak"/> (<c>Orders__Leak</c>), work always outlasting the deadline as in <see cref="AlwaysLate"/>, plus <paramref name="settings"/>.</summary>
    public static OrderServiceOptions Pattern(string leak, string variant, params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?>(AlwaysLate(variant).Environment) { ["Orders__Leak"] = leak };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return new() { Variant = variant, Environment = environment };
    }

    /// <summary>Shorthand: a variant whose work always beats the deadline (work 10 ms, deadline 10 s).</summary>
    public static OrderServiceOptions AlwaysInTime(string variant) => new()
    {
        Variant = variant,
        Environment = new Dictionary<string, string?>
        {
            ["Orders__WorkMin"] = "00:00:00.010",
            ["Orders__WorkMax"] = "00:00:00.010",
            ["Orders__Deadline"] = "00:00:10",
        },
    };
}
