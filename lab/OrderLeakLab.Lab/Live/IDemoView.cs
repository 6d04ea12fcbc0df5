namespace OrderLeakLab.Lab.Live;

/// <summary>IDemoView shows a demo run as it happens: a live terminal view, or plain lines for CI logs.</summary>
public interface IDemoView : IAsyncDisposable
{
    /// <summary>Records an event (a start, an exit, a phase change); shown immediately or in the event pane.</summary>
    void Log(string line);

    /// <summary>Draws the state of the run; called once per second.</summary>
    void Render(DemoSnapshot snapshot);
}
