namespace OrderLeakLab.Load.Simulations;

/// <summary>The shape of a <see cref="LoadSimulation"/> segment.</summary>
public enum LoadSimulationKind
{
    /// <summary>Constant rate.</summary>
    Inject,

    /// <summary>Linear ramp from the previous rate.</summary>
    RampingInject,

    /// <summary>No arrivals.</summary>
    Pause,
}
