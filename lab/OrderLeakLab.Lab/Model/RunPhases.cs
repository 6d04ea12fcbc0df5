namespace OrderLeakLab.Lab.Model;

/// <summary>
/// RunPhases marks the three phases a verdict is read from (memlab's baseline/target/final, as time series):
/// baseline before load, load, and cooldown after load stops.
/// </summary>
/// <param name="LoadStart">When the load began.</param>
/// <param name="LoadEnd">When the load stopped and cooldown began.</param>
/// <param name="End">When sampling stopped.</param>
public sealed record RunPhases(TimeSpan LoadStart, TimeSpan LoadEnd, TimeSpan End);
