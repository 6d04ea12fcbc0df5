using System.Runtime.InteropServices;

namespace OrderLeakLab.Inspect.Snapshot;

/// <summary>
/// Reads another process's memory with <c>process_vm_readv</c>, the kernel copying straight into our buffer. Several
/// times faster than <c>/proc/PID/mem</c>, which copies a page at a time through a bounce buffer (measured here: 300 MB
/// in 1.4 s against 3.5 s) — and every millisecond here the target is paused. Many ranges go in one call (up to
/// <see cref="MaxRanges"/>), into one contiguous destination: a heap is thousands of separate runs of present pages.
/// </summary>
internal static class RemoteMemory
{
    /// <summary>Most ranges one call takes (the kernel's <c>IOV_MAX</c>).</summary>
    public const int MaxRanges = 1024;

    /// <summary>
    /// Fills <paramref name="buffer"/> (pinned) from <paramref name="offset"/> with the <paramref name="ranges"/> of
    /// <paramref name="pid"/>'s memory, back to back; a part that cannot be read (rare: a page unmapped meanwhile, or the
    /// process gone) reads as zeros up to its range's end. Returns the system calls made.
    /// </summary>
    public static int Read(int pid, byte[] buffer, int offset, IReadOnlyList<(ulong Address, int Length)> ranges)
    {
        var remote = new IoVec[Math.Min(ranges.Count, MaxRanges)];
        var calls = 0;
        var first = 0; // the first range not fully read
        var skip = 0; // bytes of it already read
        var at = offset;
        while (first < ranges.Count)
        {
            var count = Math.Min(ranges.Count - first, MaxRanges);
            long wanted = 0;
            for (var i = 0; i < count; i++)
            {
                var (address, length) = ranges[first + i];
                var from = i == 0 ? skip : 0;
                remote[i] = new IoVec((nint)(address + (ulong)from), (nuint)(length - from));
                wanted += length - from;
            }

            var local = new IoVec(Marshal.UnsafeAddrOfPinnedArrayElement(buffer, at), (nuint)wanted);
            var read = (long)ProcessVmReadv(pid, ref local, 1, remote, (nuint)count, 0);
            calls++;
            if (read <= 0)
            {
                // The first page left is unreadable: zeros for the rest of its range, then on to the next range.
                var rest = ranges[first].Length - skip;
                buffer.AsSpan(at, rest).Clear();
                at += rest;
                (first, skip) = (first + 1, 0);
                continue;
            }

            at += (int)read;
            while (read > 0)
            {
                var rest = ranges[first].Length - skip;
                if (read >= rest)
                {
                    read -= rest;
                    (first, skip) = (first + 1, 0);
                }
                else
                {
                    skip += (int)read;
                    read = 0;
                }
            }
        }

        return calls;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct IoVec(nint Base, nuint Length);

    // DllImport rather than LibraryImport: blittable arguments need no marshalling and no unsafe code.
    [DllImport("libc", EntryPoint = "process_vm_readv", SetLastError = true)]
    private static extern nint ProcessVmReadv(int pid, ref IoVec local, nuint localCount, [In] IoVec[] remote, nuint remoteCount, nuint flags);
}
