namespace OrderLeakLab.Lab.Verdict;

/// <summary>ExpectationCheck is one target's expected versus actual verdict.</summary>
/// <param name="Target">The target.</param>
/// <param name="Expected"><c>leak</c> or <c>flat</c>.</param>
/// <param name="Actual"><c>leak</c>, <c>flat</c>, or null when the target has no verdict (e.g. a typo in its name).</param>
/// <param name="Held">Whether actual equals expected.</param>
public sealed record ExpectationCheck(string Target, string Expected, string? Actual, bool Held);
