using System.CommandLine;

namespace OrderLeakLab.Lab.Cli;

/// <summary>LeakLabCli runs a parsed command line with the lab's exit codes: 2 for any usage error.</summary>
public static class LeakLabCli
{
    /// <summary>Parses and runs <paramref name="args"/> against <paramref name="root"/>.</summary>
    public static async Task<int> InvokeAsync(this RootCommand root, string[] args)
    {
        // No response files: `--body @order.json` is a body file, not more arguments.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Try 'leaklab --help'.");
            return ExitCodes.UsageError;
        }

        // Ctrl-C is the commands' own business (they must clean up children and cgroups however long it takes),
        // so System.CommandLine must not time the process out on termination.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
