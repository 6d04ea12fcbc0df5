using System.CommandLine;

namespace OrderLeakLab.Inspect;

/// <summary>
/// InspectCommand builds the <c>leaklab inspect</c> command; the lab's CLI adds it as a subcommand.
/// <c>leaklab inspect --pid N [--json] [--dump | --live] [--gc-first] [--heap]</c>, <c>leaklab inspect --pid N --diff [--interval 60s]</c>.
/// Exit codes: 0 inspected, 2 usage or attach error (one line on stderr), 130 interrupted.
/// </summary>
public static class InspectCommand
{
    /// <summary>Creates the <c>inspect</c> command writing to the console.</summary>
    public static Command Create() => Create(Console.Out, Console.Error);

    /// <summary>Creates the <c>inspect</c> command writing its report to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        // --pid and --interval are read as text so that every bad value gets our one-line message and exit 2.
        var pid = new Option<string?>("--pid") { Description = "Process id of the .NET process to inspect.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var dump = new Option<bool>("--dump") { Description = "Write a heap dump, analyse it offline and keep the file (pauses the target while the file is written)." };
        var live = new Option<bool>("--live") { Description = "Analyse the process itself, suspended for the whole analysis, instead of a copy of its memory taken in a short pause (the default)." };
        var gcFirst = new Option<bool>("--gc-first") { Description = "Induce a full GC first, so unreachable parked workers do not count." };
        var heap = new Option<bool>("--heap") { Description = "After a forced full GC: instances and bytes per type, and the shortest path from a GC root to a sample of the top types and of the leak site." };
        var diff = new Option<bool>("--diff") { Description = "Three looks, each after a full GC: baseline, after load, after cooldown; report the async groups and the types that grew and stayed." };
        var interval = new Option<string?>("--interval")
        {
            Description = "Time between --diff snapshots (500ms, 60s, 3m). Default 60s.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("inspect", "Show where a live .NET process's async workers and threads are parked.")
        {
            pid, json, dump, live, gcFirst, heap, diff, interval,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (parseResult.UnmatchedTokens.Count > 0)
            {
                return Task.FromResult(Usage(error, $"unexpected argument '{parseResult.UnmatchedTokens[0]}'"));
            }

            if (!int.TryParse(parseResult.GetValue(pid), out var pidValue) || pidValue <= 0)
            {
                return Task.FromResult(Usage(error, parseResult.GetValue(pid) is { } bad ? $"--pid must be a positive process id, not '{bad}'" : "--pid N is required"));
            }

            var intervalText = parseResult.GetValue(interval);
            var isDiff = parseResult.GetValue(diff);
            if (intervalText is not null && !isDiff)
            {
                return Task.FromResult(Usage(error, "--interval only applies to --diff"));
            }

            var every = TimeSpan.FromSeconds(60);
            if (intervalText is not null && !DurationParser.TryParse(intervalText, out every, out var problem))
            {
                return Task.FromResult(Usage(error, $"--interval: {problem}"));
            }

            if (every <= TimeSpan.Zero)
            {
                return Task.FromResult(Usage(error, "--interval must be more than 0s, e.g. 60s"));
            }

            if (parseResult.GetValue(dump) && parseResult.GetValue(live))
            {
                return Task.FromResult(Usage(error, "--dump and --live are two ways to read the process: give one"));
            }

            var request = new InspectRequest(pidValue, parseResult.GetValue(json), isDiff, every,
                new InspectOptions
                {
                    Dump = parseResult.GetValue(dump),
                    Live = parseResult.GetValue(live),
                    // A type table counts what a full GC leaves; --diff compares type tables too.
                    GcFirst = parseResult.GetValue(gcFirst) || parseResult.GetValue(heap) || isDiff,
                    Heap = parseResult.GetValue(heap) || isDiff,
                });
            return InspectRunner.RunAsync(request, output, error, cancellationToken);
        });
        return command;
    }

    internal static int Usage(TextWriter error, string message)
    {
        error.WriteLine($"leaklab inspect: {message}");
        return 2;
    }
}
