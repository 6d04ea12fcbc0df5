namespace OrderLeakLab.Inspect;

/// <summary>InspectOptions says how <see cref="HeapInspector"/> takes its snapshot.</summary>
public sealed class InspectOptions
{
    /// <summary>Induce a full blocking GC in the target before counting, so unreachable parked workers do not show. Default false.</summary>
    public bool GcFirst { get; set; }

    /// <summary>Write a heap dump (short pause) and analyse the file offline instead of reading the suspended process. Default false.</summary>
    public bool Dump { get; set; }

    /// <summary>Folder for dumps; the file is kept. Default: the temp folder.</summary>
    public string? DumpDirectory { get; set; }

    /// <summary>Longest async chain followed, in frames. Default 16, range 1–256.</summary>
    public int MaxChainDepth { get; set; } = 16;

    /// <summary>Managed frames kept per thread stack. Default 24, range 1–1000.</summary>
    public int MaxStackFrames { get; set; } = 24;

    /// <summary>How long to wait for the induced GC to finish. Default 30 s, range 1 s–10 min.</summary>
    public TimeSpan GcTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChainDepth, 1, nameof(MaxChainDepth));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxChainDepth, 256, nameof(MaxChainDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStackFrames, 1, nameof(MaxStackFrames));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxStackFrames, 1000, nameof(MaxStackFrames));
        ArgumentOutOfRangeException.ThrowIfLessThan(GcTimeout, TimeSpan.FromSeconds(1), nameof(GcTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(GcTimeout, TimeSpan.FromMinutes(10), nameof(GcTimeout));
    }
}
