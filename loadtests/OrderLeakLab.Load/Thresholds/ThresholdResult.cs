namespace OrderLeakLab.Load.Thresholds;

/// <summary>How one threshold fared in one scenario.</summary>
/// <param name="Description">The threshold's condition, e.g. "p99 &lt; 800ms".</param>
/// <param name="Passed">False when it failed during the run or at the end.</param>
/// <param name="FinalValue">The measured value on the final totals.</param>
/// <param name="Limit">The limit the value had to stay below.</param>
/// <param name="FailedAtEnd">True when the final totals broke it.</param>
/// <param name="FirstFailedAt">When a check during the run first failed (offset from the start); null if never.</param>
/// <param name="FailedChecks">How many checks during the run failed.</param>
public sealed record ThresholdResult(
    string Description, bool Passed, double FinalValue, double Limit, bool FailedAtEnd, TimeSpan? FirstFailedAt, int FailedChecks);
