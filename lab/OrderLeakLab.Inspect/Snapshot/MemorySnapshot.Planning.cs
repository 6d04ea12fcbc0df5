using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace OrderLeakLab.Inspect.Snapshot;

/// <summary>MemorySnapshot's plan: which ranges of the target to copy, which read as zeros and which to read on demand.</summary>
internal sealed partial class MemorySnapshot
{
    /// <summary>The segments to copy, to read as zeros and to read later, in address order.</summary>
    private static List<Segment> Plan(IReadOnlyList<MemoryMap> maps, SafeFileHandle pagemap)
    {
        var plan = new List<Segment>();
        foreach (var map in maps.Where(m => m.Readable && !m.Special))
        {
            if (!map.Volatile)
            {
                plan.Add(new Segment(map.Start, map.End, false, null, 0, map));
            }
            else if (map.Permissions[3] == 'p' && (map.Path.Length == 0 || map.Path.StartsWith('[')))
            {
                PlanPresentPages(pagemap, map, plan); // private anonymous: an absent page is a zero page
            }
            else
            {
                plan.Add(new Segment(map.Start, map.End, true, null, 0, null)); // file-backed or shared: an absent page still has content
            }
        }

        return plan;
    }

    private static void PlanPresentPages(SafeFileHandle pagemap, MemoryMap map, List<Segment> plan)
    {
        var pages = (long)((map.End - map.Start) / PageSize);
        var entries = new byte[pages * 8];
        var got = RandomAccess.Read(pagemap, entries, (long)(map.Start / PageSize * 8));
        var runStart = -1L;
        var cursor = map.Start;
        for (var page = 0L; page <= pages; page++)
        {
            // Bit 63: present in RAM, bit 62: swapped out. Either way the page holds data.
            var present = page < pages && page * 8 + 8 <= got && (BinaryPrimitives.ReadUInt64LittleEndian(entries.AsSpan((int)(page * 8))) >> 62) != 0;
            if (runStart >= 0 && !present)
            {
                var from = map.Start + (ulong)runStart * PageSize;
                var to = map.Start + (ulong)page * PageSize;
                if (from > cursor)
                {
                    plan.Add(new Segment(cursor, from, false, null, 0, null));
                }

                plan.Add(new Segment(from, to, true, null, 0, null, Anonymous: true));
                cursor = to;
                runStart = -1;
            }

            if (present && runStart < 0)
            {
                runStart = page;
            }
        }

        if (cursor < map.End)
        {
            plan.Add(new Segment(cursor, map.End, false, null, 0, null));
        }
    }

    /// <summary>An address range: copied bytes (<paramref name="Data"/> from <paramref name="Offset"/>), zeros (untouched
    /// anonymous pages), or an immutable <paramref name="Map"/> read on demand. <paramref name="Copy"/> marks a range to copy,
    /// <paramref name="Anonymous"/> one of private anonymous memory.</summary>
    private readonly record struct Segment(ulong Start, ulong End, bool Copy, byte[]? Data, int Offset, MemoryMap? Map, bool Anonymous = false);
}
