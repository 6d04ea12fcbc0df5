using System.CommandLine;
using OrderLeakLab.Lab.Extensions;

namespace OrderLeakLab.Lab.Tests.Cli;

/// <summary>
/// The lab's commands read durations and sizes with the one parser (lab/OrderLeakLab.Common): same words, same errors,
/// same bounds. (inspect --interval and the load CLI's --duration are checked in their own projects' command tests.)
/// </summary>
public class DurationOptionTests
{
    [Theory]
    [InlineData("demo --duration 60", "--duration: '60' has no unit: add one, e.g. 60s")]
    [InlineData("soak --target a=http://127.0.0.1:1 --duration 60", "--duration: '60' has no unit: add one, e.g. 60s")]
    [InlineData("demo --cooldown 8d", "--cooldown: '8d' is out of range: a duration is from 0s to 7d")]
    [InlineData("demo --memory 2Ti", "--memory: '2Ti' is out of range: a size is from 1 byte to 1Ti")]
    [InlineData("demo --memory lots", "--memory: 'lots' is not a size such as 256Mi")]
    public void Parse_BadDurationOrSize_ErrorSaysWhatToChange(string commandLine, string expected)
    {
        var parse = new RootCommand().AddLeakLabCommands().Parse(commandLine.Split(' '));

        Assert.Contains(parse.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("demo --duration 00:01:30", 90)]
    [InlineData("demo --duration 90s", 90)]
    public void Parse_ClockTimeOrUnit_SameDuration(string commandLine, double seconds)
    {
        var root = new RootCommand().AddLeakLabCommands();
        var parse = root.Parse(commandLine.Split(' '));

        Assert.Empty(parse.Errors);
        var demo = root.Subcommands.Single(c => c.Name == "demo");
        var duration = (Option<TimeSpan>)demo.Options.Single(o => o.Name == "--duration");
        Assert.Equal(TimeSpan.FromSeconds(seconds), parse.GetValue(duration));
    }
}
