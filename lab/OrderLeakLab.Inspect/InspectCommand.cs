using System.CommandLine;

namespace OrderLeakLab.Inspect;

/// <summary>InspectCommand builds the <c>leaklab inspect</c> command; the lab's CLI adds it as a subcommand.</summary>
public static class InspectCommand
{
    /// <summary>Creates the <c>inspect</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("inspect", "Show where a live .NET process's async workers and threads are parked.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("leaklab inspect: not implemented yet");
            return 2;
        });
        return command;
    }
}
