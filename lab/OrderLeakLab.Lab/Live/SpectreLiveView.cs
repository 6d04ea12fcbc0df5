using System.Globalization;
using OrderLeakLab.Lab.Run;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrderLeakLab.Lab.Live;

/// <summary>
/// SpectreLiveView redraws both variants side by side once per second: RSS against the limit as a bar, a memory
/// sparkline, workers in flight, restarts and the last exit reason, request rate, outcomes and p99.
/// </summary>
public sealed class SpectreLiveView : IDemoView
{
    private readonly Queue<string> _events = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _display;
    private LiveDisplayContext? _context;

    private readonly string _title;

    /// <summary>Starts the live display on the console, headed <paramref name="title"/> (e.g. <c>leaklab demo</c>).</summary>
    public SpectreLiveView(string title = "leaklab demo")
    {
        _title = title;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _display = AnsiConsole.Live(new Markup("[grey]starting…[/]")).AutoClear(false).StartAsync(async ctx =>
        {
            _context = ctx;
            started.TrySetResult();
            await _done.Task;
        });
        started.Task.Wait(TimeSpan.FromSeconds(5));
    }

    /// <inheritdoc />
    public void Log(string line)
    {
        lock (_events)
        {
            _events.Enqueue($"{DateTime.Now:HH:mm:ss} {line}");
            while (_events.Count > 8)
            {
                _events.Dequeue();
            }
        }
    }

    /// <inheritdoc />
    public void Render(DemoSnapshot snapshot)
    {
        if (_context is not { } ctx)
        {
            return;
        }

        var columns = new Columns(snapshot.Variants.Select(v => Panel(snapshot, v)));
        string[] events;
        lock (_events)
        {
            events = _events.ToArray();
        }

        var header = new Markup($"[bold]{Markup.Escape(_title)}[/]  {snapshot.Elapsed.TotalSeconds:0}s  [yellow]{Markup.Escape(snapshot.Phase)}[/]  limit {StatusText.Mi(snapshot.LimitBytes)} each");
        var log = new Panel(new Markup(Markup.Escape(string.Join('\n', events)))).Header("events").Expand();
        ctx.UpdateTarget(new Rows(header, columns, log));
        ctx.Refresh();
    }

    private static IRenderable Panel(DemoSnapshot s, RunTarget v)
    {
        var x = v.Latest;
        var rss = x?.MemoryBytes ?? 0;
        var fraction = s.LimitBytes > 0 ? Math.Clamp(rss / (double)s.LimitBytes, 0, 1.2) : 0;
        var color = fraction > 0.85 ? "red" : fraction > 0.6 ? "yellow" : "green";
        const int width = 30;
        var filled = (int)Math.Round(Math.Min(1, fraction) * width);
        var bar = $"[{color}]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/]";
        var table = new Table().HideHeaders().NoBorder().AddColumn("k").AddColumn("v");
        table.AddRow("state", Markup.Escape(StatusText.State(v, s.Elapsed)));
        table.AddRow(x?.WorkingSetBytes is null ? "RSS" : "working set", $"{bar} {StatusText.Mi(x?.MemoryBytes)} / {StatusText.Mi(s.LimitBytes)}");
        table.AddRow("memory", $"[{color}]{Markup.Escape(StatusText.Sparkline(v, s.LimitBytes))}[/]");
        table.AddRow("workers", x?.WorkersInflight?.ToString("N0", CultureInfo.InvariantCulture) ?? "–");
        table.AddRow("restarts", Markup.Escape(StatusText.Restarts(v)));
        table.AddRow("req/s", $"{x?.SentPerSecond ?? 0:0}");
        table.AddRow("outcomes", $"[green]ok {x?.Ok ?? 0}[/]  [yellow]timeout {x?.TimedOut ?? 0}[/]  [red]error {x?.Errors ?? 0}[/]");
        table.AddRow("p99", x?.P99Ms is { } p ? $"{p:0} ms" : "–");
        table.AddRow("cpu", $"{v.CpuSeconds:0.0} s");
        var title = v.Restarts > 0 ? $"[red]{v.Name}[/]" : $"[green]{v.Name}[/]";
        return new Panel(table).Header(title).Expand();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _done.TrySetResult();
        await _display;
    }
}
