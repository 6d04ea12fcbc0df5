using System.CommandLine;
using System.CommandLine.Parsing;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Soak;
using OrderLeakLab.Lab.Supervision;

namespace OrderLeakLab.Lab.Cli;

/// <summary>
/// SoakCommand builds <c>leaklab soak --target NAME=URL [--metrics NAME=URL | --pid NAME=PID] [--rate N] [--duration D]
/// [--baseline D] [--cooldown D] [--report DIR] [--expect NAME=leak|flat,…] [request options]
/// [--memory SIZE] [--oom kernel|managed] [--ready PATH] [--backoff compressed|k8s] [-- COMMAND…]</c>: the demo's
/// pipeline — load, sampling, heap evidence, verdict, report — against the user's services, either running already or
/// launched by the lab from the command after <c>--</c> under a memory limit. It only parses options into a
/// <see cref="RunPlan"/>. Exit 0 when the expectation held (or none was given), 1 when it did not, 2 for a usage
/// error, 130 when interrupted (after writing a partial report).
/// </summary>
public static class SoakCommand
{
    /// <summary>Creates the <c>soak</c> command; the CLI adds it as a subcommand.</summary>
    public static Command Create()
    {
        var defaults = new SoakOptions();
        var target = new Option<string[]>("--target") { Description = "NAME=URL of a service to load (loopback only; repeat for more)", Required = true, Arity = ArgumentArity.OneOrMore };
        var metrics = new Option<string[]>("--metrics") { Description = "NAME=URL of its Prometheus page (default URL/metrics)", Arity = ArgumentArity.ZeroOrMore };
        var pid = new Option<string[]>("--pid") { Description = "NAME=PID to sample a .NET process without /metrics", Arity = ArgumentArity.ZeroOrMore };
        var rate = new Option<int>("--rate") { Description = $"Requests per second per target (default {defaults.Rate})", DefaultValueFactory = _ => defaults.Rate };
        var duration = OptionParsers.Duration("--duration", defaults.Duration, "How long the load runs");
        var baseline = OptionParsers.Duration("--baseline", defaults.Baseline, "Sampling before the load");
        var cooldown = OptionParsers.Duration("--cooldown", defaults.Cooldown, "Sampling after the load");
        var report = new Option<string>("--report") { Description = "Report folder (default artifacts/soak)", DefaultValueFactory = _ => Path.Combine("artifacts", "soak") };
        var expect = new Option<string?>("--expect") { Description = "Verdicts that make the run pass, e.g. app=flat (default: none, exit 0)" };
        var memory = OptionParsers.Size("--memory", defaults.MemoryLimitBytes, "Memory limit of the command after --");
        var oom = OptionParsers.Choice("--oom", OomMode.Kernel, "How the command after -- dies out of memory (a .NET one)", ("kernel", OomMode.Kernel), ("managed", OomMode.Managed));
        var ready = new Option<string?>("--ready") { Description = "Path whose first non-5xx answer means the command after -- is ready, e.g. /healthz (default the --target URL)" };
        var backoff = OptionParsers.Choice(
            "--backoff", BackoffOptions.Compressed, "Restart backoff of the command after --", ("compressed", BackoffOptions.Compressed), ("k8s", BackoffOptions.Kubernetes));
        var launch = new Argument<string[]>("command") { Description = "After --: the command that starts the service (e.g. dotnet MyApp.dll --urls http://127.0.0.1:5000); the lab runs it under --memory and restarts it", Arity = ArgumentArity.ZeroOrMore };
        var noInspect = new Option<bool>("--no-inspect") { Description = "Do not inspect where the launched .NET command's workers are parked when its memory reaches 80% of --memory" };
        var plain = new Option<bool>("--plain") { Description = "Plain periodic lines instead of the live view (automatic when stdout is not a terminal)" };
        var command = new Command("soak", "Drive load at your services — running, or launched from the command after -- under a memory limit — sample them, and judge leak or flat.")
        {
            target, metrics, pid, rate, duration, baseline, cooldown, report, expect, plain, memory, oom, ready, backoff, noInspect,
        };
        command.Arguments.Add(launch);
        var requests = RequestOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // First, so that a Ctrl-C while the plan is being set up is not lost (the run then stops and cleans up).
            using var signals = InterruptSignals.Register(cancellationToken);
            LoadPlan load;
            try
            {
                load = requests.Parse(parse);
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync($"leaklab soak: {e.Message}");
                return ExitCodes.UsageError;
            }

            var commandLine = parse.GetValue(launch) ?? [];
            var launchOnly = new Option[] { memory, oom, ready, backoff }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
            if (commandLine.Length > 0 && !parse.Tokens.Any(t => t.Type == TokenType.DoubleDash))
            {
                await Console.Error.WriteLineAsync($"leaklab soak: '{string.Join(' ', commandLine)}' is not an option; a command to launch goes after --");
                return ExitCodes.UsageError;
            }

            if (commandLine.Length == 0 && launchOnly is not null)
            {
                await Console.Error.WriteLineAsync($"leaklab soak: {launchOnly.Name} applies to a command the lab launches: add -- COMMAND…");
                return ExitCodes.UsageError;
            }

            var options = new SoakOptions
            {
                Rate = parse.GetValue(rate),
                Duration = parse.GetValue(duration),
                Baseline = parse.GetValue(baseline),
                Cooldown = parse.GetValue(cooldown),
                Command = commandLine,
                MemoryLimitBytes = parse.GetValue(memory),
                Oom = parse.GetValue(oom),
                ReadyPath = parse.GetValue(ready),
                Backoff = parse.GetValue(backoff)!,
            };
            var setup = await SoakSetup.PrepareAsync(
                parse.GetValue(target) ?? [], parse.GetValue(metrics) ?? [], parse.GetValue(pid) ?? [], parse.GetValue(expect), options, cancellationToken);
            if (setup.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync($"leaklab soak: {problem}");
                return ExitCodes.UsageError;
            }

            var plan = new RunPlan
            {
                Title = "leaklab soak",
                Targets = setup.Targets,
                Load = load,
                Rate = options.Rate,
                Duration = options.Duration,
                Baseline = options.Baseline,
                Cooldown = options.Cooldown,
                SampleInterval = options.SampleInterval,
                Verdict = options.Verdict,
                Expect = setup.Expectations,
                Inspect = commandLine.Length > 0 && !parse.GetValue(noInspect),
                ReportDirectory = parse.GetValue(report)!,
            };
            return await RunPipeline.RunAsync(plan, !parse.GetValue(plain) && !Console.IsOutputRedirected, signals);
        });
        return command;
    }
}
