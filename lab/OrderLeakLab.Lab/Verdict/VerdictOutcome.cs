namespace OrderLeakLab.Lab.Verdict;

/// <summary>VerdictOutcome is the answer for one target: did it leak under load or stay flat.</summary>
public enum VerdictOutcome
{
    /// <summary>No leak: memory and workers flat under load and back to baseline after cooldown, no OOM exits.</summary>
    Flat,

    /// <summary>A leak: OOM exits, sustained growth under load that stays after cooldown, or residual workers.</summary>
    Leak,
}
