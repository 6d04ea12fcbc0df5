namespace OrderLeakLab.Lab.Demo;

/// <summary>
/// LeakPatterns names the order service's leak catalog (its <c>Orders__Leak</c>), for <c>leaklab demo --leak</c>. The
/// service holds the same list and refuses any other name; a test keeps the two equal.
/// </summary>
public static class LeakPatterns
{
    /// <summary>The incident's pattern and the default.</summary>
    public const string Default = "blocked-send";

    /// <summary><c>--leak all</c>: every pattern, one after the other.</summary>
    public const string All = "all";

    /// <summary>The patterns, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "blocked-send", "blocked-receive", "endless-loop", "unstopped-timer",
        "token-not-propagated", "duplicate-watcher", "undisposed-linked-token", "sync-over-async",
    ];

    /// <summary>The patterns <paramref name="value"/> selects (one, or all of them); null when it names none.</summary>
    public static IReadOnlyList<string>? Select(string? value)
    {
        var name = (value ?? Default).Trim().ToLowerInvariant();
        return name == All ? Names : Names.Contains(name) ? [name] : null;
    }

    /// <summary>The usage error for a value <see cref="Select"/> refused.</summary>
    public static string Problem(string? value) =>
        $"--leak must be one of {string.Join(", ", Names)} or {All}; got '{value}'.";
}
