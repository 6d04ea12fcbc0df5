namespace OrderLeakLab.Inspect;

/// <summary>InspectOptions says how <see cref="HeapInspector"/> takes its snapshot.</summary>
public sealed class InspectOptions
{
    /// <summary>Induce a full blocking GC in the target before counting, so unreachable parked workers do not show. Default false.</summary>
    public bool GcFirst { get; set; }

    /// <summary>Write a heap dump (short pause) and analyse the file offline instead of reading the suspended process. Default false.</summary>
    public bool Dump { get; set; }

    /// <summary>
    /// Analyse the process itself, suspended for the whole analysis (seconds to tens of seconds under load), instead of
    /// a copy of its memory taken in a short pause (the default). Default false.
    /// </summary>
    public bool Live { get; set; }

    /// <summary>Folder for dumps; the file is kept. Default: the temp folder.</summary>
    public string? DumpDirectory { get; set; }

    /// <summary>Longest async chain followed, in frames. Default 16, range 1–256.</summary>
    public int MaxChainDepth { get; set; } = 16;

    /// <summary>Managed frames kept per thread stack. Default 24, range 1–1000.</summary>
    public int MaxStackFrames { get; set; } = 24;

    /// <summary>Count instances and bytes per type and search retention paths (<c>--heap</c>). Default false.</summary>
    public bool Heap { get; set; }

    /// <summary>Keep the dump file after analysing it (dump mode). Default true; the demo's probe deletes it.</summary>
    public bool KeepDump { get; set; } = true;

    /// <summary>An earlier look's type table: types that grew since are reported and get retention paths. Default none.</summary>
    public IReadOnlyList<Heap.HeapTypeStat>? BaselineTypes { get; set; }

    /// <summary>Full type names to find retention paths for; default: the top growing (or, without a baseline, largest) application types.</summary>
    public IReadOnlyList<string>? PathTypes { get; set; }

    /// <summary>How many types get a retention path when <see cref="PathTypes"/> is not given. Default 3, range 0–20.</summary>
    public int PathTypeCount { get; set; } = 3;

    /// <summary>Retention-path search: deepest level from a root (a linked list is one level per node). Default 256, range 1–10,000.</summary>
    public int MaxPathDepth { get; set; } = 256;

    /// <summary>Retention-path search: most objects visited. Default 5,000,000, range 1,000–100,000,000.</summary>
    public long MaxPathObjects { get; set; } = 5_000_000;

    /// <summary>Retention-path search: longest time. Default 30 s, range 1 s–10 min.</summary>
    public TimeSpan PathTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the induced GC to finish. Default 30 s, range 1 s–10 min.</summary>
    public TimeSpan GcTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChainDepth, 1, nameof(MaxChainDepth));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxChainDepth, 256, nameof(MaxChainDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStackFrames, 1, nameof(MaxStackFrames));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxStackFrames, 1000, nameof(MaxStackFrames));
        ArgumentOutOfRangeException.ThrowIfLessThan(PathTypeCount, 0, nameof(PathTypeCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PathTypeCount, 20, nameof(PathTypeCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPathDepth, 1, nameof(MaxPathDepth));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPathDepth, 10_000, nameof(MaxPathDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPathObjects, 1_000, nameof(MaxPathObjects));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPathObjects, 100_000_000, nameof(MaxPathObjects));
        ArgumentOutOfRangeException.ThrowIfLessThan(PathTimeout, TimeSpan.FromSeconds(1), nameof(PathTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PathTimeout, TimeSpan.FromMinutes(10), nameof(PathTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(GcTimeout, TimeSpan.FromSeconds(1), nameof(GcTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(GcTimeout, TimeSpan.FromMinutes(10), nameof(GcTimeout));
    }
}
