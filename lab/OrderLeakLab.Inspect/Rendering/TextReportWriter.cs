using System.Globalization;

namespace OrderLeakLab.Inspect.Rendering;

/// <summary>Writes an <see cref="InspectionReport"/> for people, in the spirit of <c>/debug/pprof/goroutine?debug=1</c>.</summary>
public static class TextReportWriter
{
    /// <summary>Writes the report: summary, async groups, async chains, thread groups (each list capped at <paramref name="maxRows"/>).</summary>
    public static void Write(TextWriter writer, InspectionReport report, int maxRows = 15)
    {
        var inv = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(inv,
            $"pid {report.Pid} ({report.Mode}{(report.GcFirst ? ", after a full GC" : "")}): {report.PendingStateMachines:N0} pending async state machines; target paused {report.TargetPaused.TotalMilliseconds:N0} ms, inspection took {report.Elapsed.TotalMilliseconds:N0} ms"));
        if (report.PauseStages is { } stages)
        {
            writer.WriteLine($"pause: {stages}");
        }

        if (report.DumpPath is not null)
        {
            writer.WriteLine($"dump kept at {report.DumpPath}");
        }

        writer.WriteLine($"leak site: {report.LeakSiteSummary()}");
        writer.WriteLine();
        writer.WriteLine("Async state machines by method, state and awaited object (largest first):");
        writer.WriteLine(string.Create(inv, $"{"COUNT",10} {"~BYTES",14}  {"STATE",5}  METHOD  →  AWAITING"));
        foreach (var g in report.AsyncGroups.Take(maxRows))
        {
            var pooled = g.BoxKind == "PooledValueTask" ? " [pooled ValueTask]" : "";
            var standing = g.StandingWork is { } s ? $"  [{s}, standing work]" : "";
            writer.WriteLine(string.Create(inv, $"{g.Count,10:N0} {g.Bytes,14:N0}  {g.State,5}  {g.Method}{pooled}  →  {g.Awaiting}{standing}"));
        }

        More(writer, report.AsyncGroups.Count, maxRows);
        writer.WriteLine();
        writer.WriteLine("Async call chains (innermost first, ← caller):");
        foreach (var c in report.Chains.Take(maxRows))
        {
            writer.WriteLine(string.Create(inv, $"{c.Count,10:N0} @ {c.Frames[0]}  (awaiting {c.Awaiting})"));
            foreach (var frame in c.Frames.Skip(1))
            {
                writer.WriteLine($"{"",12}← {frame}");
            }
        }

        More(writer, report.Chains.Count, maxRows);
        writer.WriteLine();
        writer.WriteLine("Threads by where they are parked (blocking and spinning frames folded):");
        foreach (var t in report.ThreadGroups.Take(maxRows))
        {
            var label = t.SyncOverAsync ? $"  [sync-over-async under {t.ApplicationFrame}]" : t.StandingWork is { } s ? $"  [{s}, standing work]" : "";
            writer.WriteLine(string.Create(inv, $"{t.Count,10:N0} @ {t.Frames[0]}{label}"));
            foreach (var frame in t.Frames.Skip(1).Take(8))
            {
                writer.WriteLine($"{"",14}{frame}");
            }
        }

        More(writer, report.ThreadGroups.Count, maxRows);
        TimersAndTokens(writer, report, maxRows);
        HeapTextWriter.Write(writer, report, maxRows);
    }

    private static void TimersAndTokens(TextWriter writer, InspectionReport report, int maxRows)
    {
        var inv = CultureInfo.InvariantCulture;
        writer.WriteLine();
        writer.WriteLine("Scheduled timers by callback, state and period (largest first):");
        foreach (var t in report.TimerGroups.Take(maxRows))
        {
            writer.WriteLine(string.Create(inv, $"{t.Count,10:N0}  {t.Callback}({t.State})  {(t.PeriodMs is { } p ? $"every {p:N0} ms" : "once")}"));
        }

        More(writer, report.TimerGroups.Count, maxRows);
        writer.WriteLine();
        writer.WriteLine($"Cancellation token sources with ≥ {Analysis.TimerAndTokenWalker.ManyRegistrations} registrations (most first):");
        foreach (var r in report.TokenRegistrations.Take(maxRows))
        {
            writer.WriteLine(string.Create(inv, $"{r.Registrations,10:N0}  {r.Source}  ← {r.TopStateCount:N0} × {r.TopState}"));
        }

        More(writer, report.TokenRegistrations.Count, maxRows);
    }

    private static void More(TextWriter writer, int count, int shown)
    {
        if (count > shown)
        {
            writer.WriteLine($"{"",10} … {count - shown} more (use --json for all)");
        }
    }
}
