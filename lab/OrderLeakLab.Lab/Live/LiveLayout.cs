using System.Globalization;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Supervision;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrderLeakLab.Lab.Live;

/// <summary>
/// LiveLayout is one frame of the live view, sized to the terminal: a header (title, time, phase), one line per
/// variant (memory against the limit, restarts, workers, ok/s, p99, state) and as many of the latest events as the
/// height leaves. It fits 80×24; a wider terminal adds a memory sparkline to each variant's line, a taller one more
/// events.
/// </summary>
public static class LiveLayout
{
    /// <summary>Width from which each variant's line carries a sparkline.</summary>
    public const int SparklineFrom = 110;

    /// <summary>Builds the frame for a terminal of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static IRenderable Build(string title, DemoSnapshot s, IReadOnlyList<string> events, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(events);
        width = Math.Max(40, width);
        var memory = s.Variants.Any(v => v.Latest?.WorkingSetBytes is not null) ? "ws/limit" : "rss/limit";
        var lines = new List<string>
        {
            Fit($"[bold]{Markup.Escape(title)}[/]  {S(s.Elapsed)}  [yellow]{Markup.Escape(s.Phase)}[/]  limit {StatusText.Mi(s.LimitBytes)} each", width),
            Markup.Escape(Pad(string.Create(CultureInfo.InvariantCulture, $"{"",-6} {"",8} {memory,9} {"restarts",-12} {"workers",7} {"ok/s",6} {"p99",7} state"), width)),
        };
        var sparkWidth = width >= SparklineFrom ? Math.Min(60, width - 84) : 0;
        lines.AddRange(s.Variants.Select(v => VariantLine(s, v, sparkWidth, width)));
        // One line is left for the cursor the live display parks below the frame.
        var room = Math.Max(1, height - lines.Count - 2);
        lines.Add("[grey]events[/]");
        lines.AddRange(events.Skip(Math.Max(0, events.Count - room)).Select(e => Markup.Escape(Pad(e, width))));
        return new Markup(string.Join('\n', lines));
    }

    private static string VariantLine(DemoSnapshot s, RunTarget v, int sparkWidth, int width)
    {
        var x = v.Latest;
        var used = x?.MemoryBytes;
        var fraction = used is { } u && s.LimitBytes > 0 ? Math.Clamp(u / (double)s.LimitBytes, 0, 1) : 0;
        var color = fraction > 0.85 ? "red" : fraction > 0.6 ? "yellow" : "green";
        var filled = (int)Math.Round(fraction * 8);
        var bar = $"[{color}]{new string('█', filled)}[/][grey]{new string('░', 8 - filled)}[/]";
        var mem = $"{(used is { } b ? (b / 1048576d).ToString("0", CultureInfo.InvariantCulture) : "–")}/{StatusText.Mi(s.LimitBytes)}";
        var last = v.Exits.LastOrDefault(e => e.Reason != Model.ExitReason.Stopped);
        var restarts = last is null ? $"{v.Restarts}" : string.Create(CultureInfo.InvariantCulture, $"{v.Restarts} {Short(last.Reason)}@{last.Elapsed.TotalSeconds:0}s");
        var okPerSecond = x is null ? "–" : x.Ok.ToString(CultureInfo.InvariantCulture);
        var p99 = x?.P99Ms is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p:0}ms") : "–";
        var workers = x?.WorkersInflight?.ToString("N0", CultureInfo.InvariantCulture) ?? "–";
        var text = string.Create(CultureInfo.InvariantCulture, $" {mem,9} {restarts,-12} {workers,7} {okPerSecond,6} {p99,7} {State(v, s.Elapsed)}");
        var name = v.Restarts > 0 ? $"[red]{Markup.Escape($"{v.Name,-6}")}[/]" : $"[green]{Markup.Escape($"{v.Name,-6}")}[/]";
        var spark = sparkWidth > 0 ? $"  [{color}]{Markup.Escape(StatusText.Sparkline(v, s.LimitBytes, sparkWidth))}[/]" : "";
        return $"{name} {bar}{Markup.Escape(Pad(text, width - 15 - (sparkWidth > 0 ? sparkWidth + 2 : 0)))}{spark}";
    }

    private static string State(RunTarget v, TimeSpan now) => v.Supervisor?.State switch
    {
        SupervisorState.BackingOff => $"backoff {Math.Max(0, ((v.Supervisor!.NextStartAt ?? now) - now).TotalSeconds):0}s",
        SupervisorState.Running => "running",
        _ => StatusText.State(v, now),
    };

    private static string Short(Model.ExitReason reason) => reason switch
    {
        Model.ExitReason.OomKilled => "OOM",
        Model.ExitReason.OutOfMemoryException => "OOME",
        Model.ExitReason.Watchdog => "probe",
        _ => "crash",
    };

    private static string S(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0}s");

    // Cut to the width so a long line never wraps and pushes the frame past the terminal's height.
    private static string Pad(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";

    private static string Fit(string markup, int width) => Markup.Remove(markup).Length <= width ? markup : Markup.Escape(Pad(Markup.Remove(markup), width));
}
