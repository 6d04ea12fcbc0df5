namespace OrderLeakLab.Lab.Live;

/// <summary>PlainView writes events at once and a status line per variant every few seconds: for CI logs and pipes.</summary>
public sealed class PlainView(TextWriter output, int everySeconds = 5) : IDemoView
{
    private int _renders;

    /// <inheritdoc />
    public void Log(string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    /// <inheritdoc />
    public void Render(DemoSnapshot snapshot)
    {
        if (_renders++ % Math.Max(1, everySeconds) != 0)
        {
            return;
        }

        foreach (var v in snapshot.Variants)
        {
            Log(StatusText.PlainLine(snapshot, v));
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
