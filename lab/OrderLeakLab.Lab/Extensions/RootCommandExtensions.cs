using System.CommandLine;
using OrderLeakLab.Inspect;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Soak;

namespace OrderLeakLab.Lab.Extensions;

/// <summary>RootCommandExtensions is the one place the <c>leaklab</c> executable registers its commands.</summary>
public static class RootCommandExtensions
{
    /// <summary>Adds <c>demo</c>, <c>soak</c> and <c>inspect</c>.</summary>
    public static RootCommand AddLeakLabCommands(this RootCommand root)
    {
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SoakCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        return root;
    }
}
