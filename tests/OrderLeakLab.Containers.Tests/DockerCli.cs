using System.Globalization;
using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Containers.Tests;

/// <summary>The docker command line, and what the kernel says about a container's memory.</summary>
internal static class DockerCli
{
    /// <summary>Runs <paramref name="file"/> to completion in the repository root with extra environment variables.</summary>
    public static Task<Tool.Result> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env, TimeSpan timeout) =>
        Tool.RunAsync(file, args, env: env, timeout: timeout);

    /// <summary><c>docker inspect -f FORMAT CONTAINER</c>, trimmed.</summary>
    public static async Task<string> InspectAsync(string container, string format)
    {
        var result = await RunAsync("docker", ["inspect", "-f", format, container], null, TimeSpan.FromSeconds(30));
        return result.ExitCode == 0 ? result.Stdout.Trim() : throw new InvalidOperationException($"docker inspect {container}: {result}");
    }

    /// <summary>A container's restart count.</summary>
    public static async Task<int> RestartCountAsync(string container) =>
        int.Parse(await InspectAsync(container, "{{.RestartCount}}"), CultureInfo.InvariantCulture);

    /// <summary>
    /// A container's working set as the kernel counts it (usage minus inactive file pages, what `docker stats` and a
    /// kubelet show), read from its memory cgroup; null when the container is not running.
    /// </summary>
    public static async Task<long?> WorkingSetBytesAsync(string container)
    {
        var id = await InspectAsync(container, "{{.Id}}");
        string[] v1 = [$"/sys/fs/cgroup/memory/docker/{id}", $"/sys/fs/cgroup/memory/system.slice/docker-{id}.scope"];
        string[] v2 = [$"/sys/fs/cgroup/docker/{id}", $"/sys/fs/cgroup/system.slice/docker-{id}.scope"];
        try
        {
            if (v1.FirstOrDefault(Directory.Exists) is { } dir1)
            {
                return long.Parse(File.ReadAllText(Path.Combine(dir1, "memory.usage_in_bytes")).Trim(), CultureInfo.InvariantCulture)
                    - Stat(Path.Combine(dir1, "memory.stat"), "total_inactive_file");
            }

            if (v2.FirstOrDefault(Directory.Exists) is { } dir2)
            {
                return long.Parse(File.ReadAllText(Path.Combine(dir2, "memory.current")).Trim(), CultureInfo.InvariantCulture)
                    - Stat(Path.Combine(dir2, "memory.stat"), "inactive_file");
            }
        }
        catch (IOException)
        {
            // The container was between incarnations: its cgroup went away while we read it.
        }

        return null;
    }

    private static long Stat(string file, string key) =>
        File.ReadLines(file).Select(l => l.Split(' ')).Where(p => p[0] == key).Select(p => long.Parse(p[1], CultureInfo.InvariantCulture)).FirstOrDefault();
}
