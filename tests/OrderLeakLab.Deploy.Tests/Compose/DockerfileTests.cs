using System.Text.RegularExpressions;
using System.Xml.Linq;
using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Deploy.Tests.Compose;

/// <summary>
/// The Dockerfiles, checked without a Docker engine: pinned multi-stage bases, a non-root user, and a build
/// context that holds every project the published one references (a new ProjectReference must be copied too).
/// </summary>
public partial class DockerfileTests
{
    public static TheoryData<string, string> Dockerfiles() => new()
    {
        { "services/OrderService/Dockerfile", "services/OrderService/OrderService.csproj" },
        { "loadtests/OrderLeakLab.LoadTests/Dockerfile", "loadtests/OrderLeakLab.LoadTests/OrderLeakLab.LoadTests.csproj" },
    };

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Bases_Dockerfile_PinnedSdkBuildThenRuntime(string dockerfile, string project)
    {
        var froms = Instructions(dockerfile, "FROM").ToList();
        var args = Instructions(dockerfile, "ARG").Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a[1]);

        // The bases are build arguments (so tests and mirrors can override them) whose defaults are the pinned
        // official images, and docker-compose.yml passes the same defaults.
        Assert.Equal(["${SDK_IMAGE} AS build", "${RUNTIME_IMAGE} AS runtime"], froms);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:\d+\.\d+\.\d+$", args["SDK_IMAGE"]);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/(aspnet|runtime):\d+\.\d+\.\d+$", args["RUNTIME_IMAGE"]);
        var composeBuild = YamlJson.ReadObject(RepoPaths.Of("docker-compose.yml"))["services"]!.AsObject()
            .Select(kv => kv.Value!["build"]).First(b => (string?)b?["dockerfile"] == dockerfile)!;
        Assert.Equal(args["SDK_IMAGE"], (string?)composeBuild["args"]!["SDK_IMAGE"]);
        Assert.Equal(args["RUNTIME_IMAGE"], (string?)composeBuild["args"]!["RUNTIME_IMAGE"]);
        Assert.Contains(Instructions(dockerfile, "RUN"), r => r.Contains($"dotnet publish {project}", StringComparison.Ordinal));
        Assert.Equal("$APP_UID", Instructions(dockerfile, "USER").Single());
        Assert.Single(Instructions(dockerfile, "HEALTHCHECK"));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Copies_Dockerfile_IncludeEveryReferencedProject(string dockerfile, string project)
    {
        var copied = Instructions(dockerfile, "COPY")
            .Where(c => !c.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();
        foreach (var source in copied)
        {
            Assert.True(File.Exists(RepoPaths.Of(source)) || Directory.Exists(RepoPaths.Of(source)), $"{dockerfile}: COPY {source} does not exist");
        }

        foreach (var referenced in ProjectClosure(RepoPaths.Of(project)))
        {
            var folder = Path.GetRelativePath(RepoPaths.Root, Path.GetDirectoryName(referenced)!).Replace('\\', '/') + "/";
            Assert.True(copied.Contains(folder), $"{dockerfile} does not COPY {folder}, which {project} needs");
        }

        Assert.Contains("Directory.Packages.props", copied);
        Assert.Contains("Directory.Build.props", copied);
    }

    [Fact]
    public void DockerIgnore_BuildOutputs_AreExcludedButSourcesAreNot()
    {
        var ignore = File.ReadAllLines(RepoPaths.Of(".dockerignore")).Where(l => !l.StartsWith('#') && l.Length > 0).ToList();

        Assert.Contains("**/bin", ignore);
        Assert.Contains("**/obj", ignore);
        Assert.DoesNotContain(ignore, l => l.StartsWith("services", StringComparison.Ordinal) || l.StartsWith("loadtests", StringComparison.Ordinal));
        Assert.DoesNotContain(ignore, l => l.StartsWith("Directory.", StringComparison.Ordinal));
    }

    /// <summary>A project and every project it references, transitively.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value)));
            }
        }

        return seen;
    }

    /// <summary>The arguments of every <paramref name="keyword"/> instruction, continuation lines joined.</summary>
    private static IEnumerable<string> Instructions(string dockerfile, string keyword)
    {
        var text = Continuation().Replace(File.ReadAllText(RepoPaths.Of(dockerfile)), " ");
        return text.Split('\n')
            .Where(l => l.StartsWith(keyword + " ", StringComparison.Ordinal))
            .Select(l => Spaces().Replace(l[(keyword.Length + 1)..].Trim(), " "));
    }

    [GeneratedRegex(@"\\\r?\n\s*")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
