namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// ContainerFactAttribute marks a test that needs a Docker engine, built images and minutes of real load. It runs
/// only when <c>ORDERLEAKLAB_CONTAINER_TESTS=1</c> (<c>./test.sh --containers</c> sets it); otherwise it is reported
/// as skipped with that instruction. Why opt-in (measured on this project's shared 2-core machine at load average
/// 17–30): the Testcontainers test passes (1 min 23 s) but the compose test has not passed yet — its in-container
/// load generator collapsed on per-connection DNS lookups, fixed since in the load engine and not yet re-run — and
/// a test that has not been seen passing must not hold the default suite (engine install ~90 s and image builds
/// ~40 s on a fresh machine come on top).
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
