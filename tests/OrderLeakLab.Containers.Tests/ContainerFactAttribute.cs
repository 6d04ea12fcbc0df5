namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// ContainerFactAttribute marks a test that needs a Docker engine, built images and minutes of real load. It runs when
/// <c>ORDERLEAKLAB_CONTAINER_TESTS=1</c>, which <c>./test.sh</c> sets (unless <c>--no-containers</c>); a bare
/// <c>dotnet test</c> reports it as skipped with that instruction, so that a machine without Docker is not asked to
/// install an engine by a command that did not say so. Measured here: the container collection takes 4–5 minutes
/// (engine ready in 2–18 s, image builds ~50 s, Testcontainers ~1 min 50 s, compose ~2 min 30 s).
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
            Skip = $"container tests run from ./test.sh (or set {Switch}=1)";
        }
    }
}
