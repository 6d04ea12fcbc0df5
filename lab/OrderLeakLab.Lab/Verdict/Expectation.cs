namespace OrderLeakLab.Lab.Verdict;

/// <summary>Expectation is one <c>NAME=leak|flat</c> term of <c>--expect</c>.</summary>
/// <param name="Target">The target name.</param>
/// <param name="Outcome">What it is expected to be.</param>
public sealed record Expectation(string Target, VerdictOutcome Outcome)
{
    /// <summary>
    /// Parses <c>leaky=leak,fixed=flat</c> (<c>no-leak</c> and <c>noleak</c> also mean flat; case-insensitive,
    /// spaces ignored). Throws <see cref="FormatException"/> with a message for the user (exit code 2).
    /// </summary>
    public static IReadOnlyList<Expectation> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<Expectation>();
        foreach (var term in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = term.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new FormatException($"--expect: '{term}' is not NAME=leak|flat");
            }

            var outcome = parts[1].ToLowerInvariant() switch
            {
                "leak" => VerdictOutcome.Leak,
                "flat" or "no-leak" or "noleak" => VerdictOutcome.Flat,
                _ => throw new FormatException($"--expect: '{parts[1]}' for '{parts[0]}' must be leak or flat"),
            };
            if (result.Any(e => string.Equals(e.Target, parts[0], StringComparison.OrdinalIgnoreCase)))
            {
                throw new FormatException($"--expect: '{parts[0]}' given twice");
            }

            result.Add(new Expectation(parts[0], outcome));
        }

        return result.Count > 0 ? result : throw new FormatException("--expect: give at least one NAME=leak|flat");
    }

    /// <summary>
    /// Checks every expectation against the verdicts. A target with no verdict does not hold.
    /// <see cref="ExpectationResult.ExitCode"/> is then 0 (held) or 1 (not held).
    /// </summary>
    public static ExpectationResult Evaluate(IReadOnlyList<Expectation> expectations, IReadOnlyList<TargetVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        ArgumentNullException.ThrowIfNull(verdicts);
        var checks = expectations.Select(expectation =>
        {
            var verdict = verdicts.FirstOrDefault(v => string.Equals(v.Name, expectation.Target, StringComparison.OrdinalIgnoreCase));
            var expected = expectation.Outcome == VerdictOutcome.Leak ? "leak" : "flat";
            return verdict is null
                ? new ExpectationCheck(expectation.Target, expected, null, false)
                : new ExpectationCheck(expectation.Target, expected, verdict.OutcomeText, verdict.Outcome == expectation.Outcome);
        }).ToList();
        return new ExpectationResult(checks);
    }
}
