using System.CommandLine;
using OrderLeakLab.Inspect;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Soak;
using OrderLeakLab.Scenarios.Cli;

namespace OrderLeakLab.Lab.Extensions;

/// <summary>RootCommandExtensions is the one place the <c>leaklab</c> executable registers its commands.</summary>
public static class RootCommandExtensions
{
    /// <summary>Adds <c>demo</c>, <c>soak</c>, <c>inspect</c> and <c>load</c> (the load generator's own command line).</summary>
    public static RootCommand AddLeakLabCommands(this RootCommand root)
    {
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SoakCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(LoadCommand.Create(Console.Out, Console.Error));
        return root;
    }
}
