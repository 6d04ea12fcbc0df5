namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// HeapEvidenceOptions holds the thresholds <see cref="HeapEvidence"/> judges the managed heap by: after a full GC at
/// the end of the cooldown, the heap has kept what the load added when it grew by at least
/// <see cref="MinGrowthBytes"/> and by at least <see cref="MinGrowthFraction"/> of its size after the baseline's GC.
/// </summary>
public sealed class HeapEvidenceOptions
{
    /// <summary>Growth of the heap after a full GC, end of cooldown vs end of baseline, that counts as kept. Default 16 MiB; ≥ 0.</summary>
    public long MinGrowthBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The same growth as a fraction of the baseline's heap. Default 0.5 (+50%); range 0 – 100.</summary>
    public double MinGrowthFraction { get; set; } = 0.5;

    /// <summary>How long to wait for an induced GC to end. Default 15 s; range 1 s – 5 min.</summary>
    public TimeSpan GcTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (MinGrowthBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinGrowthBytes), MinGrowthBytes, "HeapEvidenceOptions.MinGrowthBytes must be >= 0");
        }

        if (MinGrowthFraction is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(MinGrowthFraction), MinGrowthFraction, "HeapEvidenceOptions.MinGrowthFraction must be 0 – 100");
        }

        if (GcTimeout < TimeSpan.FromSeconds(1) || GcTimeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(GcTimeout), GcTimeout, "HeapEvidenceOptions.GcTimeout must be 1 s – 5 min");
        }
    }
}
