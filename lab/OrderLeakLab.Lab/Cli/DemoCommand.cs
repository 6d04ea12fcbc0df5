using System.CommandLine;
using OrderLeakLab.Lab.Demo;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Lab.Supervision;
using OrderLeakLab.Lab.Verdict;

namespace OrderLeakLab.Lab.Cli;

/// <summary>DemoCommand builds <c>leaklab demo</c>: both variants under a memory limit and load, live, with a verdict.</summary>
public static class DemoCommand
{
    /// <summary>Creates the <c>demo</c> command.</summary>
    public static Command Create()
    {
        var defaults = new DemoOptions();
        var duration = OptionParsers.Duration("--duration", defaults.Duration, "How long the load runs");
        var rate = new Option<int>("--rate") { Description = "Requests per second per variant (default 1000)", DefaultValueFactory = _ => defaults.Rate };
        var memory = OptionParsers.Size("--memory", defaults.MemoryLimitBytes, "Memory limit per variant");
        var oom = OptionParsers.Choice("--oom", OomMode.Kernel, "How an out-of-memory variant dies", ("kernel", OomMode.Kernel), ("managed", OomMode.Managed));
        var backoff = OptionParsers.Choice(
            "--backoff", BackoffOptions.Compressed, "Restart backoff", ("compressed", BackoffOptions.Compressed), ("k8s", BackoffOptions.Kubernetes));
        var report = new Option<string>("--report") { Description = "Report folder (default artifacts/demo)", DefaultValueFactory = _ => defaults.ReportDirectory };
        var expect = new Option<string>("--expect") { Description = "Verdicts that make the run pass (default leaky=leak,fixed=flat)", DefaultValueFactory = _ => "leaky=leak,fixed=flat" };
        var serviceDll = new Option<string?>("--service-dll") { Description = "The order service dll (default: the one built beside the lab)" };
        var baseline = OptionParsers.Duration("--baseline", defaults.Baseline, "Sampling before the load");
        var cooldown = OptionParsers.Duration("--cooldown", defaults.Cooldown, "Sampling after the load");
        var rampUp = OptionParsers.Duration("--ramp-up", defaults.RampUp, "The load rises to --rate over this first part of --duration");
        var inspectAt = new Option<int>("--inspect-at") { Description = "Inspect where the workers are parked when a variant's memory first reaches this percent of its limit (default 80)", DefaultValueFactory = _ => defaults.InspectAtPercent };
        var noInspect = new Option<bool>("--no-inspect") { Description = "Do not inspect the variants (no leak site in the verdict)" };
        var leak = new Option<string>("--leak")
        {
            Description = $"The leak pattern both variants run: {string.Join(", ", LeakPatterns.Names)}, or all (one demo each, then a table) (default {LeakPatterns.Default})",
            DefaultValueFactory = _ => LeakPatterns.Default,
        };
        var plain = new Option<bool>("--plain") { Description = "Plain periodic lines instead of the live view (automatic when stdout is not a terminal)" };

        var command = new Command("demo", "Run the leaky and the fixed order service side by side under a memory limit and load; show one OOM-looping beside a flat line.")
        {
            duration, rate, memory, oom, backoff, report, expect, serviceDll, baseline, cooldown, rampUp, inspectAt, noInspect, plain, leak,
        };
        var requests = RequestOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // First, so that a Ctrl-C while the plan is being set up is not lost (the run then stops and cleans up).
            using var signals = InterruptSignals.Register(cancellationToken);
            IReadOnlyList<Expectation> expectations;
            LoadPlan load;
            try
            {
                expectations = Expectation.ParseList(parse.GetValue(expect) ?? "");
                load = requests.Parse(parse);
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return ExitCodes.UsageError;
            }

            var options = new DemoOptions
            {
                Duration = parse.GetValue(duration),
                Rate = parse.GetValue(rate),
                MemoryLimitBytes = parse.GetValue(memory),
                Oom = parse.GetValue(oom),
                Backoff = parse.GetValue(backoff)!,
                ReportDirectory = parse.GetValue(report)!,
                Expect = expectations,
                ServiceDll = parse.GetValue(serviceDll),
                Baseline = parse.GetValue(baseline),
                Cooldown = parse.GetValue(cooldown),
                // Unless given, the ramp-up shrinks with a short run instead of refusing it (5s → 2.5s).
                RampUp = parse.GetResult(rampUp) is { Implicit: false }
                    ? parse.GetValue(rampUp)
                    : DemoOptions.DefaultRampUpFor(parse.GetValue(duration)),
                Inspect = !parse.GetValue(noInspect),
                InspectAtPercent = parse.GetValue(inspectAt),
                Live = !parse.GetValue(plain) && !Console.IsOutputRedirected,
                Leak = (parse.GetValue(leak) ?? LeakPatterns.Default).Trim().ToLowerInvariant(),
            };
            if (options.Validate() is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return ExitCodes.UsageError;
            }

            if (ServiceLocator.Find(options.ServiceDll, out var looked) is not { } dll)
            {
                await Console.Error.WriteLineAsync($"leaklab demo: the order service is not built (looked at {looked}). Run `dotnet build lab/OrderLeakLab.Lab` or pass --service-dll.");
                return ExitCodes.UsageError;
            }

            Console.Out.WriteLine($"leaklab demo: order service {dll} (built {File.GetLastWriteTime(dll):yyyy-MM-dd HH:mm})");
            if (options.Leak != LeakPatterns.All)
            {
                return await RunPipeline.RunAsync(DemoPreset.Create(options, dll) with { Load = load }, options.Live, signals);
            }

            var catalog = new CatalogRun(
                (pattern, folder, _) => RunPipeline.RunAsync(
                    DemoPreset.Create(options with { Leak = pattern, ReportDirectory = folder }, dll) with { Load = load }, options.Live, signals),
                Console.Out);
            return await catalog.RunAsync(LeakPatterns.Names, options.ReportDirectory, signals.Token);
        });
        return command;
    }
}
