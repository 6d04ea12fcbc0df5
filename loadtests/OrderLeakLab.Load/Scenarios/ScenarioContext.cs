namespace OrderLeakLab.Load.Scenarios;

/// <summary>ScenarioContext tells a step which invocation it is and when it was due.</summary>
/// <param name="ScenarioName">The scenario's name.</param>
/// <param name="InvocationNumber">0-based arrival number on the scenario's timetable.</param>
/// <param name="ScheduledAt">When the arrival was due, as an offset from the scenario's start.</param>
public readonly record struct ScenarioContext(string ScenarioName, long InvocationNumber, TimeSpan ScheduledAt);
