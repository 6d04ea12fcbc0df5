namespace OrderLeakLab.OrderService.Workers;

/// <summary>WorkerGroup is one line of <c>/debug/workers</c>: the workers parked at the same stage.</summary>
/// <param name="Method">The frame they are parked in.</param>
/// <param name="Awaiting">What they wait for.</param>
/// <param name="Count">How many.</param>
/// <param name="OldestAgeSeconds">Age of the oldest, in seconds.</param>
public sealed record WorkerGroup(string Method, string Awaiting, int Count, double OldestAgeSeconds);
