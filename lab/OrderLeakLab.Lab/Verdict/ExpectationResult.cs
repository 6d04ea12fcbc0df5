namespace OrderLeakLab.Lab.Verdict;

/// <summary>ExpectationResult is the outcome of <c>--expect</c>: every check, whether all held, and the exit code.</summary>
/// <param name="Checks">One check per expectation, in the order given.</param>
public sealed record ExpectationResult(IReadOnlyList<ExpectationCheck> Checks)
{
    /// <summary>Whether every expectation held.</summary>
    public bool Held => Checks.All(check => check.Held);

    /// <summary>0 when every expectation held, 1 otherwise (DESIGN §3 exit codes).</summary>
    public int ExitCode => Held ? 0 : 1;

    /// <summary>One line for a console or log, e.g. <c>expectation held: leaky=leak ✓, fixed=flat ✓</c>.</summary>
    public override string ToString() =>
        (Held ? "expectation held: " : "expectation NOT held: ")
        + string.Join(", ", Checks.Select(c => $"{c.Target}={c.Expected} {(c.Held ? "✓" : $"✗ (got {c.Actual ?? "no verdict"})")}"));
}
