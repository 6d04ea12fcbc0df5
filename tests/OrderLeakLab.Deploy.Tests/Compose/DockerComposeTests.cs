using System.Text.Json.Nodes;
using NJsonSchema;
using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Deploy.Tests.Compose;

/// <summary>docker-compose.yml against the Compose Specification's own JSON Schema, and its run-time wiring.</summary>
public class DockerComposeTests
{
    private static readonly string ComposeFile = RepoPaths.Of("docker-compose.yml");

    [Fact]
    public async Task ComposeFile_AgainstComposeSpecSchema_HasNoErrors()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.ComposeSchema);

        var errors = schema.Validate(YamlJson.ReadObject(ComposeFile).ToJsonString());

        Assert.True(errors.Count == 0, "docker-compose.yml violates the Compose Specification:\n" +
            string.Join('\n', errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task ComposeSpecSchema_UnknownServiceKey_IsRejected()
    {
        // The validator must be able to say no, or the test above proves nothing.
        var schema = await JsonSchema.FromFileAsync(RepoPaths.ComposeSchema);
        var compose = YamlJson.ReadObject(ComposeFile);
        compose["services"]!["orders-leaky"]!["memory_limit"] = "256m";

        var errors = schema.Validate(compose.ToJsonString());

        Assert.Contains(errors, e => e.Path?.Contains("memory_limit", StringComparison.Ordinal) == true
            || e.ToString().Contains("memory_limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Services_LongRunning_HaveHealthchecksAndAComment()
    {
        var services = Services();
        var text = File.ReadAllLines(ComposeFile);

        foreach (var (name, service) in services)
        {
            if (name != "load")
            {
                Assert.True(service!["healthcheck"]?["test"] is JsonArray, $"{name} has no healthcheck test");
            }

            var line = Array.FindIndex(text, l => l == $"  {name}:");
            Assert.True(line > 0 && text[line - 1].TrimStart().StartsWith('#'), $"no comment above service {name}");
        }
    }

    [Fact]
    public void DependsOn_EveryDependency_WaitsForHealthy()
    {
        foreach (var (name, service) in Services())
        {
            if (service!["depends_on"] is not JsonObject dependsOn)
            {
                continue;
            }

            foreach (var (dependency, condition) in dependsOn)
            {
                Assert.True((string?)condition?["condition"] == "service_healthy",
                    $"{name} depends on {dependency} without condition: service_healthy");
            }
        }

        Assert.NotNull(Services()["load"]!["depends_on"]!["orders-leaky"]);
        Assert.NotNull(Services()["load"]!["depends_on"]!["orders-fixed"]);
    }

    [Fact]
    public void Images_Everywhere_ArePinnedWithoutLatest()
    {
        foreach (var (name, service) in Services())
        {
            var image = (string?)service!["image"] ?? "";
            var tag = image.Contains(':') ? image[(image.LastIndexOf(':') + 1)..] : "";
            Assert.False(tag is "" or "latest", $"{name}: image '{image}' is not pinned to a version");
        }
    }

    private static JsonObject Services() => (JsonObject)YamlJson.ReadObject(ComposeFile)["services"]!;
}
