using System.CommandLine;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Report;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Soak;

/// <summary>
/// SoakCommand builds <c>leaklab soak --target NAME=URL [--metrics NAME=URL | --pid NAME=PID] [--rate N] [--duration D]
/// [--baseline D] [--cooldown D] [--report DIR] [--expect NAME=leak|flat,…]</c>: the demo's load, sampling and
/// verdict against services the lab did not start. Exit 0 when the expectation held (or none was given),
/// 1 when it did not, 2 for a usage error, 130 when interrupted (after writing a partial report).
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
        var command = new Command("soak", "Drive load at running services, sample their /metrics, and judge leak or flat.")
        {
            target, metrics, pid, rate, duration, baseline, cooldown, report, expect,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SoakOptions
            {
                Rate = parse.GetValue(rate),
                Duration = parse.GetValue(duration),
                Baseline = parse.GetValue(baseline),
                Cooldown = parse.GetValue(cooldown),
            };
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            var setup = await SoakSetup.PrepareAsync(
                parse.GetValue(target) ?? [], parse.GetValue(metrics) ?? [], parse.GetValue(pid) ?? [], parse.GetValue(expect), options, http, cancellationToken);
            if (setup.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync($"leaklab soak: {problem}");
                return ExitCodes.UsageError;
            }

            Model.RunReport result;
            try
            {
                result = await new SoakRunner(new OrderLoadDriver()).RunAsync(setup.Targets, options, Console.WriteLine, cancellationToken);
            }
            finally
            {
                await SoakSetup.DisposeSourcesAsync(setup.Targets);
            }

            var expectation = setup.Expectations.Count > 0 ? Expectation.Evaluate(setup.Expectations, result.Verdicts) : null;
            result = result with { Expectation = expectation };
            var paths = await ReportWriter.WriteAsync(result, parse.GetValue(report)!, CancellationToken.None);
            foreach (var verdict in result.Verdicts)
            {
                Console.WriteLine($"{verdict.Name}: {verdict.Headline} — {string.Join("; ", verdict.Evidence)}");
            }

            if (expectation is not null)
            {
                Console.WriteLine(expectation);
            }

            Console.WriteLine($"report{(result.IsPartial ? " (PARTIAL)" : "")}: {paths[^1]}");
            return result.IsPartial ? ExitCodes.Interrupted : expectation?.ExitCode ?? ExitCodes.Success;
        });
        return command;
    }
}
