using System.CommandLine;
using OrderLeakLab.Lab.Extensions;

namespace OrderLeakLab.Lab.Tests.Cli;

/// <summary>Every lab command reads durations and sizes with the one parser: same words, same errors, same bounds.</summary>
public class DurationOptionTests
{
    [Theory]
    [InlineData("demo --duration 60", "--duration: '60' has no unit: add one, e.g. 60s")]
    [InlineData("soak --target a=http://127.0.0.1:1 --duration 60", "--duration: '60' has no unit: add one, e.g. 60s")]
    [InlineData("load --target a=http://127.0.0.1:1 --duration 60", "--duration: '60' has no unit: add one, e.g. 60s")]
    [InlineData("inspect --pid 1 --diff --interval 60", "--interval: '60' has no unit: add one, e.g. 60s")]
    [InlineData("demo --cooldown 8d", "--cooldown: '8d' is out of range: a duration is from 0s to 7d")]
    [InlineData("demo --memory 2Ti", "--memory: '2Ti' is out of range: a size is from 1 byte to 1Ti")]
    [InlineData("demo --memory lots", "--memory: 'lots' is not a size such as 256Mi")]
    public async Task Invoke_BadDurationOrSize_ExitsTwoAndSaysWhatToChange(string commandLine, string expected)
    {
        var error = new StringWriter();
        var parse = new RootCommand().AddLeakLabCommands().Parse(commandLine.Split(' '));

        var code = await parse.InvokeAsync(new InvocationConfiguration { Error = error, Output = TextWriter.Null });

        Assert.Equal(2, code);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
