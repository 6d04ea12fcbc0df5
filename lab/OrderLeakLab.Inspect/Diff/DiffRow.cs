namespace OrderLeakLab.Inspect.Diff;

/// <summary>One async group across the three snapshots of <c>inspect --diff</c>.</summary>
/// <param name="Method">The async method.</param>
/// <param name="State">The state machine state.</param>
/// <param name="Awaiting">What it waits on.</param>
/// <param name="Baseline">Count before load.</param>
/// <param name="AfterLoad">Count after load.</param>
/// <param name="AfterCooldown">Count after the cooldown.</param>
public sealed record DiffRow(string Method, int State, string Awaiting, long Baseline, long AfterLoad, long AfterCooldown)
{
    /// <summary>Grew under load and did not come back: the cooldown count is still above the baseline.</summary>
    public bool Retained => AfterLoad > Baseline && AfterCooldown > Baseline;

    /// <summary>The framework's standing work this group is, or null for application code (see <see cref="AsyncGroup.StandingWork"/>).</summary>
    public string? StandingWork { get; init; }

    /// <summary>Whether the group is where its workers are parked (see <see cref="AsyncGroup.IsParkingPlace"/>).</summary>
    public bool IsParkingPlace { get; init; } = true;
}
