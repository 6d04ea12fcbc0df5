using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace OrderLeakLab.Inspect.Snapshot;

/// <summary>
/// MemorySnapshot is a copy of a paused process's changing memory, taken with <c>process_vm_readv</c> into a
/// <see cref="SnapshotBuffer"/> prepared beforehand: a heap dump without the file. Private anonymous memory is copied
/// only where <c>/proc/PID/pagemap</c> says a page exists (an untouched page reads as zeros, as in the process), so
/// the copy costs about the process's anonymous RSS. Read-only file mappings are not copied: they cannot change, and
/// are read later from the running process, or from the file once the process has gone.
/// </summary>
internal sealed partial class MemorySnapshot : IDisposable
{
    private const int PageSize = 4096;
    private readonly Segment[] _segments;
    private readonly SafeFileHandle _mem;
    private readonly ConcurrentDictionary<string, SafeFileHandle?> _files = new(StringComparer.Ordinal);

    private MemorySnapshot(Segment[] segments, SafeFileHandle mem, long copiedBytes)
    {
        _segments = segments;
        _mem = mem;
        CopiedBytes = copiedBytes;
    }

    /// <summary>Bytes copied out of the process (what the snapshot holds in memory).</summary>
    public long CopiedBytes { get; }

    /// <summary>How many bytes a snapshot of <paramref name="pid"/> would copy now (read while it runs, to size the buffer).</summary>
    public static long Estimate(int pid, IReadOnlyList<MemoryMap> maps)
    {
        using var pagemap = File.OpenHandle($"/proc/{pid}/pagemap", FileMode.Open, FileAccess.Read);
        return Plan(maps, pagemap).Where(s => s.Copy).Sum(s => (long)(s.End - s.Start));
    }

    /// <summary>Copies <paramref name="pid"/>'s changing memory as listed in <paramref name="maps"/> into <paramref name="buffer"/>
    /// on the threads of <paramref name="crew"/>; call it while the process is paused.</summary>
    public static MemorySnapshot Capture(int pid, IReadOnlyList<MemoryMap> maps, SnapshotBuffer buffer, CopyCrew crew)
    {
        var mem = File.OpenHandle($"/proc/{pid}/mem", FileMode.Open, FileAccess.Read);
        try
        {
            var planning = Stopwatch.StartNew();
            using var pagemap = File.OpenHandle($"/proc/{pid}/pagemap", FileMode.Open, FileAccess.Read);
            var segments = new List<Segment>();
            foreach (var planned in Plan(maps, pagemap))
            {
                for (var at = planned.Start; planned.Copy && at < planned.End;)
                {
                    var (array, offset, length) = buffer.Next((long)(planned.End - at));
                    segments.Add(planned with { Start = at, End = at + (ulong)length, Data = array, Offset = offset });
                    at += (ulong)length;
                }

                if (!planned.Copy)
                {
                    segments.Add(planned);
                }
            }

            var batches = Batches(segments);
            var planTime = planning.Elapsed;
            var copying = Stopwatch.StartNew();
            var (calls, ran, waited) = CopyInParallel(pid, batches, crew);
            var copied = segments.Where(s => s.Copy).Sum(s => (long)(s.End - s.Start));
            var anonymous = segments.Where(s => s.Copy && s.Anonymous).Sum(s => (long)(s.End - s.Start));
            return new MemorySnapshot([.. segments], mem, copied)
            {
                Stats = new CopyStats(planTime, copying.Elapsed, copied, anonymous, segments.Count(s => s.Copy), calls, ran, waited),
            };
        }
        catch
        {
            mem.Dispose();
            throw;
        }
    }

    /// <summary>How the copy went: planning (pagemap) and copy time, bytes, ranges, system calls, and the CPU the copy threads got and waited for.</summary>
    public CopyStats Stats { get; private init; } = null!;

    /// <summary>What <see cref="Capture"/> measured.</summary>
    internal sealed record CopyStats(TimeSpan Plan, TimeSpan Copy, long Bytes, long AnonymousBytes, int Ranges, int Calls, TimeSpan Ran, TimeSpan Waited);

    /// <summary>Groups the segments to copy into batches that are back to back in one buffer chunk: one system call each, up to
    /// <see cref="RemoteMemory.MaxRanges"/> ranges and <see cref="BatchBytes"/>, so that the threads share the work evenly.</summary>
    private static List<Batch> Batches(List<Segment> segments)
    {
        var batches = new List<Batch>();
        Batch? current = null;
        foreach (var s in segments.Where(s => s.Copy))
        {
            var length = (int)(s.End - s.Start);
            if (current is null || current.Array != s.Data || current.Offset + current.Bytes != s.Offset
                || current.Ranges.Count == RemoteMemory.MaxRanges || current.Bytes + length > BatchBytes)
            {
                current = new Batch(s.Data!, s.Offset, []);
                batches.Add(current);
            }

            current.Ranges.Add((s.Start, length));
            current.Bytes += length;
        }

        return batches;
    }

    private const int BatchBytes = 8 << 20;

    private sealed record Batch(byte[] Array, int Offset, List<(ulong Address, int Length)> Ranges)
    {
        public int Bytes { get; set; }
    }

    /// <summary>
    /// Copies the batches on every thread of <paramref name="crew"/>, each at the highest priority it may take: the copy
    /// is bound by the kernel pinning the target's pages one by one, which parallelises.
    /// </summary>
    private static (int Calls, TimeSpan Ran, TimeSpan Waited) CopyInParallel(int pid, List<Batch> batches, CopyCrew crew)
    {
        var next = -1;
        var calls = 0;
        long ranNs = 0, waitedNs = 0;
        Exception? failure = null;
        crew.Run(() =>
        {
            var (ran0, waited0) = SchedStat();
            try
            {
                for (var i = Interlocked.Increment(ref next); i < batches.Count; i = Interlocked.Increment(ref next))
                {
                    Interlocked.Add(ref calls, RemoteMemory.Read(pid, batches[i].Array, batches[i].Offset, batches[i].Ranges));
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }

            var (ran1, waited1) = SchedStat();
            Interlocked.Add(ref ranNs, ran1 - ran0);
            Interlocked.Add(ref waitedNs, waited1 - waited0);
        });
        if (failure is not null)
        {
            throw new IOException($"copying the memory failed: {failure.Message}", failure);
        }

        return (calls, TimeSpan.FromTicks(ranNs / 100), TimeSpan.FromTicks(waitedNs / 100));
    }

    /// <summary>The calling thread's time on a CPU and time ready but waiting for one, in ns (<c>/proc/thread-self/schedstat</c>; zeros where absent).</summary>
    private static (long Ran, long Waited) SchedStat()
    {
        try
        {
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
            return (long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (0, 0);
        }
    }

    /// <summary>Reads up to <paramref name="buffer"/>'s length from <paramref name="address"/>; returns the bytes read (0 for unmapped memory).</summary>
    public int Read(ulong address, Span<byte> buffer)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var at = address + (ulong)done;
            var index = Find(at);
            if (index < 0)
            {
                break;
            }

            var segment = _segments[index];
            var length = (int)Math.Min((ulong)(buffer.Length - done), segment.End - at);
            var target = buffer.Slice(done, length);
            if (segment.Data is { } data)
            {
                data.AsSpan(segment.Offset + (int)(at - segment.Start), length).CopyTo(target);
            }
            else if (segment.Map is { } map)
            {
                var read = ReadImmutable(map, at, target);
                done += read;
                if (read < length)
                {
                    break;
                }

                continue;
            }
            else
            {
                target.Clear();
            }

            done += length;
        }

        return done;
    }

    public void Dispose()
    {
        _mem.Dispose();
        foreach (var file in _files.Values)
        {
            file?.Dispose();
        }
    }

    private int Find(ulong address)
    {
        int lo = 0, hi = _segments.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (address < _segments[mid].Start)
            {
                hi = mid - 1;
            }
            else if (address >= _segments[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    private int ReadImmutable(MemoryMap map, ulong address, Span<byte> target)
    {
        try
        {
            var read = RandomAccess.Read(_mem, target, (long)address);
            if (read > 0)
            {
                return read;
            }
        }
        catch (IOException)
        {
            // the process has gone: the file holds the same bytes
        }

        var file = _files.GetOrAdd(map.Path, static path =>
        {
            try
            {
                return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        });
        return file is null ? 0 : RandomAccess.Read(file, target, map.Offset + (long)(address - map.Start));
    }
}
