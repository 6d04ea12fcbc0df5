namespace OrderLeakLab.Lab.Cli;

/// <summary>ExitCodes are the lab's process exit codes, the same for every command (DESIGN §3).</summary>
public static class ExitCodes
{
    /// <summary>The run completed and the expectation held.</summary>
    public const int Success = 0;

    /// <summary>The expectation or a threshold failed (or the run could not complete).</summary>
    public const int ExpectationFailed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Interrupted by Ctrl-C (128 + SIGINT), after cleaning up.</summary>
    public const int Interrupted = 130;
}
