namespace OrderLeakLab.Lab.Tests.TestSupport;

/// <summary>
/// Tests that read what a command printed to standard error (<see cref="CapturedError"/>) swap the process-wide
/// <see cref="Console.Error"/>, so they run one at a time, apart from every other test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleErrorCollection
{
    public const string Name = "commands whose standard error is read";
}
