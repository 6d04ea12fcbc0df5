namespace OrderLeakLab.Lab.Model;

/// <summary>ExitRecord is one end of a supervised process: when, how, and the evidence for the classification.</summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="ExitCode">The exit code (128 + signal for a signal), when known.</param>
/// <param name="Reason">The classification.</param>
/// <param name="Detail">Evidence in a few words, e.g. "exit 137, memory.oom_control oom_kill 2→3".</param>
/// <param name="Uptime">How long that incarnation had been running.</param>
public sealed record ExitRecord(TimeSpan Elapsed, int? ExitCode, ExitReason Reason, string Detail, TimeSpan Uptime);
