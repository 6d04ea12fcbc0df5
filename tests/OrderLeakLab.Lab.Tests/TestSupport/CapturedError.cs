using System.CommandLine;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Extensions;

namespace OrderLeakLab.Lab.Tests.TestSupport;

/// <summary>Runs <c>leaklab</c>'s root command in-process and returns its exit code with what it printed to standard error.</summary>
internal static class CapturedError
{
    public static async Task<(int Exit, string Error)> InvokeAsync(string[] args)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var exit = await new RootCommand().AddLeakLabCommands().InvokeAsync(args);
            return (exit, error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
