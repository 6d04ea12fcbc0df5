using System.Diagnostics;

namespace OrderLeakLab.Inspect.Tests.Support;

/// <summary>A real non-.NET process (<c>sleep</c>), killed on dispose.</summary>
public sealed class SleepProcess : IDisposable
{
    private readonly Process _process = Process.Start("sleep", "600");

    public int Pid => _process.Id;

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
