namespace OrderLeakLab.Lab.Run;

/// <summary>HeapMoment names the two points at which the heap evidence is taken.</summary>
public enum HeapMoment
{
    /// <summary>The end of the baseline, just before the load starts.</summary>
    EndOfBaseline,

    /// <summary>The end of the cooldown, just before the run stops.</summary>
    EndOfCooldown,
}
