using System.CommandLine;

namespace OrderLeakLab.Lab.Soak;

/// <summary>SoakCommand builds <c>leaklab soak</c>: load, sampling and a leak verdict against any loopback targets.</summary>
public static class SoakCommand
{
    /// <summary>Creates the <c>soak</c> command; the CLI adds it as a subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("soak", "Drive load at targets, sample their /metrics, and judge leak or flat.");
        command.SetAction(_ => 2);
        return command;
    }
}
