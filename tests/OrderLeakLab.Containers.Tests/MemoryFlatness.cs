using System.Globalization;
using System.Net.Http.Json;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Containers.Tests;

/// <summary>A floor: the managed heap right after a forced full GC and the container's working set read just after it.</summary>
internal readonly record struct GcFloor(TimeSpan At, long HeapBytes, long WorkingSetBytes);

/// <summary>
/// MemoryFlatness judges whether a container's memory grows the way the lab judges a target (memlab's way): at fixed
/// times after warm-up it asks the service for a full blocking compacting GC (<c>POST /debug/gc</c> on its admin port)
/// and records the managed heap after it and the container's working set (cgroup: usage minus inactive file, what the
/// OOM killer judges). Under <c>DOTNET_GCHeapHardLimit</c> a healthy service's working set between GCs is a sawtooth
/// whose teeth last longer than a test can wait (one compose run: flat at 87 MiB for 80 s; a Testcontainers run: a
/// 76 → 116 MiB staircase with two natural full GCs in 90 s), so neither a band over the raw samples nor waiting for
/// natural GCs says whether memory goes anywhere; the floors after forced GCs do.
/// The rule is the lab's (<see cref="HeapEvidence"/>): memory grows when the last floor's heap is up by
/// <see cref="HeapEvidenceOptions.MinGrowthBytes"/> and by <see cref="HeapEvidenceOptions.MinGrowthFraction"/> of the first.
/// A working set whose floors rise while the heap returns is memory the runtime kept (the GC keeps freed regions committed:
/// a Testcontainers run here, heap 5.3 → 9.3 MiB while the working set's floors went 80 → 110 MiB and levelled off), and
/// is reported as such, with the Theil–Sen line through the floors and their band around the median (the issue's ±15 %).
/// </summary>
internal sealed record MemoryFlatness(IReadOnlyList<GcFloor> Floors, double WorkingSetSlopeBytesPerSecond)
{
    /// <summary>Floors needed before judging: 4 (the first after warm-up, then three more).</summary>
    public const int FloorsNeeded = 4;

    /// <summary>Time between two floors: 25 s.</summary>
    public static readonly TimeSpan FloorInterval = TimeSpan.FromSeconds(25);

    private static readonly VerdictOptions MemoryRule = new();
    private static readonly HeapEvidenceOptions HeapRule = new();

    /// <summary>How much the managed heap after a full GC grew from the first floor to the last.</summary>
    public long HeapGrowthBytes => Floors[^1].HeapBytes - Floors[0].HeapBytes;

    /// <summary>True when the lab would say the heap kept what the load added.</summary>
    public bool HeapGrows => HeapEvidence.Kept(Floors[0].HeapBytes, Floors[^1].HeapBytes, HeapRule);

    /// <summary>How much the fitted working-set floors rise over their span, as a fraction of the first floor.</summary>
    public double WorkingSetGrowthFraction => Floors[0].WorkingSetBytes > 0
        ? WorkingSetSlopeBytesPerSecond * (Floors[^1].At - Floors[0].At).TotalSeconds / Floors[0].WorkingSetBytes
        : 0;

    /// <summary>True when the lab would call the working-set floors' rise memory growth (both thresholds reached).</summary>
    public bool WorkingSetGrows =>
        WorkingSetSlopeBytesPerSecond >= MemoryRule.MinMemorySlopeBytesPerSecond && WorkingSetGrowthFraction >= MemoryRule.MinMemoryGrowthFraction;

    /// <summary>The lab's verdict: the heap kept what the load added. A working set that grew with the heap returned does not count.</summary>
    public bool Grows => HeapGrows;

    /// <summary>The largest distance of a working-set floor from their median, as a fraction of it (the ±15% band of the issue).</summary>
    public double WorkingSetBand
    {
        get
        {
            var median = TheilSen.Median(Floors.Select(f => (double)f.WorkingSetBytes).ToList());
            return median > 0 ? Floors.Max(f => Math.Abs(f.WorkingSetBytes - median)) / median : 0;
        }
    }

    /// <summary>The verdict on <paramref name="floors"/>; null with fewer than <see cref="FloorsNeeded"/>.</summary>
    public static MemoryFlatness? Judge(IReadOnlyList<GcFloor> floors)
    {
        ArgumentNullException.ThrowIfNull(floors);
        if (floors.Count < FloorsNeeded)
        {
            return null;
        }

        var sorted = floors.OrderBy(f => f.At).ToList();
        var fit = TheilSen.Fit(sorted.Select(f => (f.At.TotalSeconds, (double)f.WorkingSetBytes)).ToList());
        return new MemoryFlatness(sorted, fit?.Slope ?? 0);
    }

    /// <summary>
    /// Takes the next floor into <paramref name="floors"/> when it is due (<paramref name="warmUp"/>, then every
    /// <see cref="FloorInterval"/>, counted on <paramref name="elapsed"/>): forces a full GC in the service whose admin
    /// listener is <paramref name="admin"/> and reads <paramref name="container"/>'s working set. Returns the floor taken;
    /// null when none was due or the service or the cgroup did not answer (it is asked again next time).
    /// </summary>
    public static async Task<GcFloor?> TakeIfDueAsync(
        List<GcFloor> floors, TimeSpan elapsed, TimeSpan warmUp, HttpClient http, Uri admin, string container)
    {
        ArgumentNullException.ThrowIfNull(floors);
        if (elapsed < warmUp + FloorInterval * floors.Count)
        {
            return null;
        }

        try
        {
            using var response = await http.PostAsync(new Uri(admin, "debug/gc"), null);
            response.EnsureSuccessStatusCode();
            if (await response.Content.ReadFromJsonAsync<GcAnswer>() is not { } gc || await DockerCli.WorkingSetBytesAsync(container) is not { } workingSet)
            {
                return null;
            }

            var floor = new GcFloor(elapsed, gc.HeapBytesAfter, workingSet);
            floors.Add(floor);
            return floor;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The rule, its figures and its verdict in one line.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Grows ? "GROWS" : "flat")} by its floors after forced full GCs (the lab's rule: the heap after a full GC kept ≥ {Mib(HeapRule.MinGrowthBytes)} MiB "
        + $"and ≥ {HeapRule.MinGrowthFraction:0%} more than the first floor; working-set floors' growth, Theil–Sen slope ≥ {MemoryRule.MinMemorySlopeBytesPerSecond / 1024:0} KiB/s "
        + $"and rise ≥ {MemoryRule.MinMemoryGrowthFraction:0%}, is reported): "
        + $"heap {string.Join(" → ", Floors.Select(f => Mib(f.HeapBytes)))} MiB ({(HeapGrows ? "kept" : "returned")}); "
        + $"working set {string.Join(" → ", Floors.Select(f => $"{Mib(f.WorkingSetBytes)} MiB at {f.At.TotalSeconds:0}s"))}, "
        + $"slope {WorkingSetSlopeBytesPerSecond / 1024:+0.0;-0.0} KiB/s, {WorkingSetGrowthFraction:+0.0%;-0.0%}, within ±{WorkingSetBand:0.0%} of their median")
        + (WorkingSetGrows && !HeapGrows ? " (working set kept by the runtime, heap returned)" : "");

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The part of <c>POST /debug/gc</c>'s answer read here.</summary>
    private sealed record GcAnswer(long HeapBytesAfter);
}
