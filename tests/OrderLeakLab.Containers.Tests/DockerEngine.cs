using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// The Docker engine every container test shares, made ready once: holds the engine lock for the whole collection
/// (another test run on this machine waits instead of stopping the engine under us), runs
/// scripts/install-docker-engine.sh (install, start, stand-in base images; nothing where a Docker already works),
/// builds the order-service image from its Dockerfile with Testcontainers and the load image with
/// <c>docker compose build</c>, and at the end stops the engine if it was started here. If the engine cannot be had,
/// every test of the collection fails with the script's reason.
/// </summary>
public sealed class DockerEngine : IAsyncLifetime
{
    /// <summary>The order service image, as docker-compose.yml and k8s/ name it.</summary>
    public const string OrderServiceImage = "orderleaklab/order-service:0.1.0";

    private const string LockFile = "/run/lock/orderleaklab-docker.lock";

    private Process? _lockHolder;
    private SessionPriority? _priority;
    private bool _startedHere;

    /// <summary>What the install script printed (KEY=VALUE): stand-in image names, engine settings. Empty on a normal Docker.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <summary>How long making the engine ready took (install, start, stand-ins), and building both images.</summary>
    public TimeSpan EngineTime { get; private set; }

    /// <summary>How long building the two images took.</summary>
    public TimeSpan BuildTime { get; private set; }

    /// <summary>The environment for <c>docker compose</c>: the settings, so the compose file uses the stand-ins.</summary>
    public IReadOnlyDictionary<string, string> ComposeEnvironment => Settings;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!ContainerFactAttribute.Enabled)
        {
            return; // every test of the collection is skipped: no engine, no image build
        }

        var clock = Stopwatch.StartNew();
        _lockHolder = await HoldLockAsync();
        _priority = SessionPriority.Raise(-10);
        var env = new Dictionary<string, string> { ["ORDERLEAKLAB_DOCKER_LOCKED"] = "1" };
        var install = await DockerCli.RunAsync("bash", [RepoPaths.Of("scripts/install-docker-engine.sh")], env, TimeSpan.FromMinutes(6));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"No Docker engine for the container tests: scripts/install-docker-engine.sh exited {install.ExitCode}.\n{install.Output}");
        }

        Settings = install.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1]);
        _startedHere = Settings.GetValueOrDefault("ORDERLEAKLAB_DOCKERD_STARTED") == "1";
        foreach (var (key, value) in Settings.Where(kv => kv.Key.StartsWith("TESTCONTAINERS_", StringComparison.Ordinal) || kv.Key == "DOCKER_API_VERSION"))
        {
            // Testcontainers and Docker.DotNet read these from the process environment.
            Environment.SetEnvironmentVariable(key, value);
        }

        EngineTime = clock.Elapsed;
        await BuildImagesAsync();
        BuildTime = clock.Elapsed - EngineTime;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        try
        {
            if (_startedHere)
            {
                await DockerCli.RunAsync("bash", [RepoPaths.Of("scripts/install-docker-engine.sh"), "--stop"],
                    new Dictionary<string, string> { ["ORDERLEAKLAB_DOCKER_LOCKED"] = "1" }, TimeSpan.FromMinutes(1));
            }
        }
        finally
        {
            _priority?.Dispose();
            if (_lockHolder is { } holder)
            {
                // flock ends when its `cat` sees end of input, and the lock goes with it.
                holder.StandardInput.Close();
                if (!holder.WaitForExit(10_000))
                {
                    holder.Kill(entireProcessTree: true);
                }

                holder.Dispose();
            }
        }
    }

    /// <summary>A build argument's value: the stand-in named by the install script, else the Dockerfile's default.</summary>
    public string? Setting(string key) => Settings.GetValueOrDefault(key);

    private async Task BuildImagesAsync()
    {
        // The order service through Testcontainers (the card's package) from its Dockerfile, with the compose
        // file's build arguments; the load image through compose itself. Both tags are the compose file's, so
        // `docker compose up` runs exactly these.
        var builder = new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(RepoPaths.Root)
            .WithDockerfile("services/OrderService/Dockerfile")
            .WithName(OrderServiceImage)
            .WithCleanUp(false)
            .WithDeleteIfExists(false);
        if (Setting("ORDERLEAKLAB_SDK_IMAGE") is { } sdk)
        {
            builder = builder.WithBuildArgument("SDK_IMAGE", sdk);
        }

        if (Setting("ORDERLEAKLAB_ASPNET_IMAGE") is { } aspnet)
        {
            builder = builder.WithBuildArgument("RUNTIME_IMAGE", aspnet);
        }

        await builder.Build().CreateAsync();

        var compose = await Compose.RunAsync(this, "orderleaklab-build", ["build", "load"], TimeSpan.FromMinutes(6));
        if (compose.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker compose build load failed: {compose}");
        }
    }

    private static async Task<Process> HoldLockAsync()
    {
        var info = new ProcessStartInfo("flock", [LockFile, "-c", "echo locked; exec cat"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var holder = Process.Start(info) ?? throw new InvalidOperationException("could not start flock");
        using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var line = await holder.StandardOutput.ReadLineAsync(wait.Token);
        if (line != "locked")
        {
            throw new InvalidOperationException($"could not take {LockFile}: flock said '{line}'");
        }

        return holder;
    }
}
