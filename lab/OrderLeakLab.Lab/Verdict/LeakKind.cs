namespace OrderLeakLab.Lab.Verdict;

/// <summary>LeakKind says what a LEAK leaks: the signal that grew and did not come back.</summary>
public enum LeakKind
{
    /// <summary>Memory: killed for memory, or RSS / working set grew under load and stayed.</summary>
    Memory,

    /// <summary>Background workers (async methods) left in flight after the load.</summary>
    Workers,

    /// <summary>Threads: the pool grew while requests queued and slowed (thread-pool starvation).</summary>
    Threads,

    /// <summary>CPU still burnt after the load stopped: work that outlived its requests.</summary>
    Cpu,

    /// <summary>Timers still scheduled after the load: started per request and never stopped.</summary>
    Timers,
}
