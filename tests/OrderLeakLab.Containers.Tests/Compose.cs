using System.Globalization;
using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Containers.Tests;

/// <summary><c>docker compose</c> on the repository's docker-compose.yml, with the engine's stand-in images.</summary>
internal static class Compose
{
    /// <summary>
    /// The load service's rate in the test: below the demo's 1000 req/s, which a 2-core machine cannot serve to two
    /// containers beside its own generator (requests time out, each timeout costs a new connection, and it collapses).
    /// </summary>
    public const int TestLoadRate = 600;

    /// <summary>Runs <c>docker compose -p PROJECT ARGS</c>.</summary>
    public static Task<Tool.Result> RunAsync(DockerEngine engine, string project, IEnumerable<string> args, TimeSpan timeout) =>
        DockerCli.RunAsync("docker", ["compose", "-f", RepoPaths.Of("docker-compose.yml"), "-p", project, .. args],
            new Dictionary<string, string>(engine.ComposeEnvironment) { ["ORDERLEAKLAB_LOAD_RATE"] = TestLoadRate.ToString(CultureInfo.InvariantCulture) },
            timeout);
}
