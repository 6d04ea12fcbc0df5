using OrderLeakLab.Lab.Run;
using Spectre.Console;

namespace OrderLeakLab.Lab.Live;

/// <summary>
/// SpectreLiveView redraws the run once per second in the terminal, laid out by <see cref="LiveLayout"/> to the
/// terminal's size (80×24 and up): header, one line per variant, the latest events.
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
            while (_events.Count > 100) // a tall terminal shows more of them (LiveLayout)
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

        string[] events;
        lock (_events)
        {
            events = _events.ToArray();
        }

        ctx.UpdateTarget(LiveLayout.Build(_title, snapshot, events, AnsiConsole.Profile.Width, AnsiConsole.Profile.Height));
        ctx.Refresh();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _done.TrySetResult();
        await _display;
    }
}
