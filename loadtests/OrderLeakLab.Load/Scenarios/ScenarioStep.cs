namespace OrderLeakLab.Load.Scenarios;

/// <summary>
/// ScenarioStep is the unit of load: one request (or a few) for one arrival. It should return quickly after
/// its first await; exceptions are classified with <see cref="StepResult.FromException"/>.
/// </summary>
/// <param name="context">Which arrival this is.</param>
/// <param name="cancellationToken">Cancelled only when the run stops (Ctrl-C, drain deadline), not per request.</param>
public delegate ValueTask<StepResult> ScenarioStep(ScenarioContext context, CancellationToken cancellationToken);
