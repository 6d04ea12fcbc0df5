using System.Runtime.InteropServices;

namespace OrderLeakLab.Lab.Run;

/// <summary>
/// InterruptSignals turns Ctrl-C (SIGINT) and SIGTERM into a cancellation for a whole <c>demo</c> or <c>soak</c>
/// command. It is registered first thing in the command, before anything is printed or started: a signal that
/// arrives while the plan is being set up is kept (the run then stops at once and cleans up), where it used to come
/// before anything listened. A SIGINT the process inherited as ignored (started with <c>&amp;</c> from a script) stays
/// ignored, as for any program; SIGTERM still stops it.
/// </summary>
public sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private string? _reason;

    private InterruptSignals(CancellationToken outer)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled at the first SIGINT or SIGTERM, or when the command's own token is.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>What stopped the run ("Ctrl-C", "SIGTERM"), or "cancelled" for the command's own token; null while running.</summary>
    public string? Reason => _reason ?? (_cancel.IsCancellationRequested ? "cancelled" : null);

    /// <summary>Starts listening for SIGINT and SIGTERM; dispose to give them back to the runtime.</summary>
    public static InterruptSignals Register(CancellationToken outer) => new(outer);

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // Clean up first; the command returns as soon as children and cgroups are gone.
        Interlocked.CompareExchange(ref _reason, context.Signal == PosixSignal.SIGINT ? "Ctrl-C" : context.Signal.ToString(), null);
        _cancel.Cancel();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cancel.Dispose();
    }
}
