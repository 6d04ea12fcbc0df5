using System.Globalization;

namespace OrderLeakLab.Inspect.Snapshot;

/// <summary>One line of <c>/proc/PID/maps</c>: an address range, its permissions, and the file behind it (empty for anonymous memory).</summary>
/// <param name="Start">First address.</param>
/// <param name="End">One past the last address.</param>
/// <param name="Permissions">Four letters, e.g. <c>rw-p</c>.</param>
/// <param name="Offset">Offset of <paramref name="Start"/> in the file.</param>
/// <param name="Path">The mapped file, a <c>[name]</c> such as <c>[stack]</c>, or empty.</param>
internal sealed record MemoryMap(ulong Start, ulong End, string Permissions, long Offset, string Path)
{
    public bool Readable => Permissions[0] == 'r';

    public bool Writable => Permissions[1] == 'w';

    /// <summary>
    /// Whether the range can change while the target runs, so it must be copied while the target is paused:
    /// writable or anonymous memory (the GC heap, stacks, the runtime's data), and memfd double-mapped code. The
    /// rest — read-only mappings of files on disk (code, assemblies, relocated read-only data) — does not change
    /// after the process loaded it and is read later, from the running process or the file.
    /// </summary>
    public bool Volatile => Writable || Path.Length == 0 || Path.StartsWith('[') || Path.StartsWith("/memfd:", StringComparison.Ordinal)
        || Path.EndsWith("(deleted)", StringComparison.Ordinal);

    /// <summary>Kernel pseudo-mappings that cannot be read through <c>/proc/PID/mem</c>.</summary>
    public bool Special => Path is "[vvar]" or "[vsyscall]" or "[vvar_vclock]";

    /// <summary>Reads every mapping of <paramref name="pid"/>, in address order.</summary>
    public static List<MemoryMap> Read(int pid)
    {
        var maps = new List<MemoryMap>();
        foreach (var line in File.ReadLines($"/proc/{pid}/maps"))
        {
            var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 5)
            {
                continue;
            }

            var dash = parts[0].IndexOf('-', StringComparison.Ordinal);
            maps.Add(new MemoryMap(
                ulong.Parse(parts[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(parts[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                parts[1],
                long.Parse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                parts.Length == 6 ? parts[5].Trim() : ""));
        }

        return maps;
    }
}
