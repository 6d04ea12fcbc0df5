namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// ContainerFactAttribute marks a test that needs a Docker engine, built images and minutes of real load. It runs
/// only when <c>ORDERLEAKLAB_CONTAINER_TESTS=1</c> (<c>./test.sh --containers</c> sets it); otherwise it is reported
/// as skipped with that instruction. Why opt-in: on this project's shared 2-core machines the two container tests
/// take 10–13 minutes and have not yet been seen to pass (the load generator collapses inside the containers), so
/// in the default suite they would hold the whole run past its 20-minute budget.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContainerFactAttribute : FactAttribute
{
    /// <summary>The environment variable that turns the container tests on.</summary>
    public const string Switch = "ORDERLEAKLAB_CONTAINER_TESTS";

    /// <summary>True when the container tests were asked for.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Switch) == "1";

    /// <summary>Skips the test unless <see cref="Switch"/> is 1.</summary>
    public ContainerFactAttribute()
    {
        if (!Enabled)
        {
            Skip = $"container tests are opt-in: run ./test.sh --containers (or set {Switch}=1)";
        }
    }
}
