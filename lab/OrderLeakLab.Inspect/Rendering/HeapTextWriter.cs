using System.Globalization;
using OrderLeakLab.Inspect.Analysis;
using OrderLeakLab.Inspect.Heap;

namespace OrderLeakLab.Inspect.Rendering;

/// <summary>Writes the heap part of a report (<c>--heap</c>): type table, growing types, retention paths, search bounds.</summary>
public static class HeapTextWriter
{
    /// <summary>Writes the sections that have content; nothing when the report has no heap data.</summary>
    public static void Write(TextWriter writer, InspectionReport report, int maxRows = 15)
    {
        var inv = CultureInfo.InvariantCulture;
        if (report.HeapTypes.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"Heap by type{(report.GcFirst ? " after a full GC" : "")} (most bytes first; * = application type):");
            writer.WriteLine(string.Create(inv, $"{"COUNT",12} {"BYTES",14}  TYPE"));
            foreach (var t in report.HeapTypes.Take(maxRows))
            {
                writer.WriteLine(string.Create(inv, $"{t.Count,12:N0} {t.Bytes,14:N0}  {(t.Application ? "* " : "  ")}{t.Type}"));
            }
        }

        if (report.GrowingTypes.Count > 0)
        {
            writer.WriteLine();
            WriteGrowth(writer, "Application types that grew since the earlier look:", report.GrowingTypes.Where(g => g.Application), maxRows);
            WriteGrowth(writer, "Framework types that grew (caches, pools, buffers):", report.GrowingTypes.Where(g => !g.Application), 5);
        }

        if (report.RetentionPaths.Count > 0 || report.PathSearch is not null)
        {
            writer.WriteLine();
            writer.WriteLine("Retention paths (shortest from a GC root):");
            foreach (var path in report.RetentionPaths)
            {
                writer.WriteLine($"  {path.For}:");
                writer.WriteLine($"    {path.ToText()}");
            }

            if (report.PathSearch is { } s)
            {
                writer.WriteLine(string.Create(inv,
                    $"  (searched {s.ObjectsVisited:N0} objects, {s.DeepestLevel} levels, {s.Elapsed.TotalMilliseconds:N0} ms{(s.CutShort is { } cut ? $"; CUT SHORT by the {cut}: a missing path may exist" : "")})"));
            }
        }
    }

    /// <summary>Writes growth rows under a heading (nothing when there are none).</summary>
    public static void WriteGrowth(TextWriter writer, string heading, IEnumerable<TypeGrowth> rows, int maxRows)
    {
        var list = rows.Take(maxRows).ToList();
        if (list.Count == 0)
        {
            return;
        }

        writer.WriteLine(heading);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"+COUNT",12} {"+BYTES",14}  TYPE"));
        foreach (var g in list)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.CountDelta,12:N0} {g.BytesDelta,14:N0}  {StateMachineNames.ShortType(g.Type)}"));
        }
    }
}
