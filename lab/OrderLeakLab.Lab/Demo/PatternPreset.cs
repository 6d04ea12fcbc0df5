namespace OrderLeakLab.Lab.Demo;

/// <summary>
/// PatternPreset is what one leak pattern needs from <c>leaklab demo --leak</c> beyond the common defaults, so that
/// its leaky variant shows its leak and its fixed one stays flat: a rate and load duration (used when the command line
/// does not give them), and whether to count token registrations after the cooldown.
/// </summary>
/// <param name="Rate">Requests per second per variant, or null for the demo's default.</param>
/// <param name="Duration">How long the load runs, or null for the demo's default.</param>
/// <param name="CountRegistrations">Count the callbacks left on each token source after the cooldown (see <c>TokenRegistrationProbe</c>).</param>
public sealed record PatternPreset(int? Rate = null, TimeSpan? Duration = null, bool CountRegistrations = false)
{
    private static readonly Dictionary<string, PatternPreset> Presets = new()
    {
        // A linked source never disposed keeps ~300 B per order: 30 s at 1000 orders/s is ~9 MiB, lost in a 150 MiB
        // process's RSS; the registrations it leaves on ApplicationStopping are counted exactly instead.
        ["undisposed-linked-token"] = new(CountRegistrations: true),
    };

    /// <summary>The preset of <paramref name="pattern"/>; the common defaults for a pattern that needs none.</summary>
    public static PatternPreset For(string pattern) => Presets.GetValueOrDefault(pattern) ?? new PatternPreset();
}
