namespace OrderLeakLab.Lab.Demo;

/// <summary>
/// PatternPreset is what one leak pattern needs from <c>leaklab demo --leak</c> beyond the common defaults, so that its
/// leaky variant shows its leak and its fixed one stays flat. Every pattern is caught at the demo's rate and duration
/// (measured from 300 req/s for 12 s up to 1000 req/s for 60 s); one needs its token registrations counted.
/// </summary>
/// <param name="CountRegistrations">Count the callbacks left on each token source after the cooldown (see <c>TokenRegistrationProbe</c>).</param>
public sealed record PatternPreset(bool CountRegistrations = false)
{
    private static readonly Dictionary<string, PatternPreset> Presets = new()
    {
        // A linked source never disposed keeps ~300 B per order: 20 s at 1000 orders/s is ~6 MiB, lost in a 150 MiB
        // process's RSS and under the heap evidence's 16 MiB; the registrations it leaves on ApplicationStopping are exact.
        ["undisposed-linked-token"] = new(CountRegistrations: true),
    };

    /// <summary>The preset of <paramref name="pattern"/>; the common defaults for a pattern that needs none.</summary>
    public static PatternPreset For(string pattern) => Presets.GetValueOrDefault(pattern) ?? new PatternPreset();
}
