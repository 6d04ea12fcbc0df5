namespace OrderLeakLab.Lab.Verdict;

/// <summary>KindFinding is one sentence of evidence about one kind of leak.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Decisive">True when it alone makes the verdict LEAK.</param>
/// <param name="Text">The evidence, e.g. <c>threads 21 → 243, thread-pool queue 0 → 250, …</c>.</param>
public sealed record KindFinding(LeakKind Kind, bool Decisive, string Text);
