using System.Globalization;
using OrderLeakLab.Inspect.Diff;

namespace OrderLeakLab.Inspect.Rendering;

/// <summary>Writes an <see cref="InspectionDiff"/> for people: retained groups first, counts at each snapshot.</summary>
public static class DiffTextWriter
{
    /// <summary>Writes the diff table (at most <paramref name="maxRows"/> rows).</summary>
    public static void Write(TextWriter writer, InspectionDiff diff, int maxRows = 20)
    {
        var retained = diff.Retained.ToList();
        writer.WriteLine($"leak site: {diff.LeakSiteSummary()}");
        writer.WriteLine(retained.Count == 0
            ? "no async group grew and stayed: nothing looks leaked"
            : $"{retained.Count} async group(s) grew under load and did not come back:");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"BASELINE",10} {"AFTER LOAD",11} {"COOLDOWN",10}  RETAINED  METHOD (STATE)  →  AWAITING"));
        foreach (var r in diff.Rows.Take(maxRows))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Baseline,10:N0} {r.AfterLoad,11:N0} {r.AfterCooldown,10:N0}  {(r.Retained ? "yes" : "no"),-8}  {r.Method} ({r.State})  →  {r.Awaiting}{(r.StandingWork is { } s ? $"  [{s}]" : "")}"));
        }

        if (diff.AfterCooldown.HeapTypes.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine("Types that grew under load and stayed (each look after a full GC; instances baseline → after load → cooldown):");
        WriteTypes(writer, "application", diff.ApplicationTypes.Take(maxRows / 2));
        WriteTypes(writer, "framework (runtime, ASP.NET Core, their caches and pools)", diff.FrameworkTypes.Take(maxRows / 2));
        foreach (var path in diff.AfterCooldown.RetentionPaths)
        {
            writer.WriteLine($"  {path.For} retained by: {path.ToText()}");
        }
    }

    private static void WriteTypes(TextWriter writer, string title, IEnumerable<TypeDiffRow> rows)
    {
        var list = rows.ToList();
        writer.WriteLine(list.Count == 0 ? $"  {title}: none" : $"  {title}:");
        foreach (var t in list)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    +{t.CountKept,-9:N0} +{t.BytesKept / 1024.0,10:N1} KiB  {t.ShortName}  ({t.Baseline.Count:N0} → {t.AfterLoad.Count:N0} → {t.AfterCooldown.Count:N0})  {t.Type}"));
        }
    }
}
