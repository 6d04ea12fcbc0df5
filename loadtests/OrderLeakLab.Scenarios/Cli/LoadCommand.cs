using System.CommandLine;
using OrderLeakLab.Load.Requests;
using OrderLeakLab.Load.Http;

namespace OrderLeakLab.Scenarios.Cli;

/// <summary>
/// LoadCommand is the load generator's command line (DESIGN §3), one definition for both places it runs: the
/// executable's root command and <c>leaklab load</c> (<see cref="Create"/>):
/// <c>--target NAME=URL [--target …] --rate N --duration D [--report DIR] [--seed N] [--allow-remote]
/// [--threshold fail&lt;5%|p99&lt;800ms …] [--max-connections N] [--max-in-flight N] [--timeout D]
/// [--request "[W:]METHOD PATH" [--header "Name: value"]… [--body @file|TEXT]]… [--targets FILE]</c>.
/// Exit codes: 0 ok, 1 a threshold failed, 2 usage error.
/// </summary>
public static class LoadCommand
{
    /// <summary>Exit code for a usage error.</summary>
    public const int UsageError = 2;

    private static readonly Option<string[]> TargetOption = new("--target")
    {
        Description = "NAME=URL of an order service to load (repeatable), e.g. fixed=http://127.0.0.1:5082",
        Arity = ArgumentArity.OneOrMore,
        Required = true,
    };

    private static readonly Option<double> RateOption = new("--rate") { Description = "requests per second per target", DefaultValueFactory = _ => 1000 };
    private static readonly Option<string> DurationOption = new("--duration") { Description = "how long to send: 500ms, 60s, 3m", DefaultValueFactory = _ => "60s" };
    private static readonly Option<string?> ReportOption = new("--report") { Description = "folder for load-report.json and load-report.md" };
    private static readonly Option<int> SeedOption = new("--seed") { Description = "seed for the generated orders", DefaultValueFactory = _ => 42 };
    private static readonly Option<bool> AllowRemoteOption = new("--allow-remote") { Description = "allow targets that are not loopback addresses" };
    private static readonly Option<string[]> ThresholdOption = new("--threshold") { Description = "fail<5% or p99<800ms, optionally NAME:…; a broken one exits 1 (repeatable)" };
    private static readonly Option<int> MaxConnectionsOption = new("--max-connections") { Description = "connections per target", DefaultValueFactory = _ => 1024 };
    private static readonly Option<int> MaxInFlightOption = new("--max-in-flight") { Description = "requests in flight per target before arrivals are dropped (counted as failures)", DefaultValueFactory = _ => 10_000 };
    private static readonly Option<string[]> RequestOption = new("--request") { Description = "\"[W:]METHOD PATH\" to send instead of orders, e.g. \"3:GET /api/items\" (repeatable; W = weight)", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<string[]> HeaderOption = new("--header") { Description = "\"Name: value\" header of the --request before it (repeatable)", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<string[]> BodyOption = new("--body") { Description = "body of the --request before it: @file.json or inline text", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<string[]> TargetsOption = new("--targets") { Description = "a Vegeta targets file; URLs keep their path, the host is each --target's", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<string> TimeoutOption = new("--timeout") { Description = "per-request timeout", DefaultValueFactory = _ => "5s" };

    private const string Description = "Open-model load against services: POST /orders with generated orders, or any --request mix; NBomber-shaped.";

    /// <summary>The <c>load</c> subcommand for <c>leaklab</c>: the same options, checks and exit codes as the executable.</summary>
    public static Command Create(TextWriter output, TextWriter error) => Configure(new Command("load", Description), output, error);

    /// <summary>Parses <paramref name="args"/>, runs the load and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Configure(new RootCommand(Description), output, error);
        // No response files: `--body @order.json` is a body file, not more arguments.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run with --help for usage.").ConfigureAwait(false);
            return UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken)
            .ConfigureAwait(false);
    }

    private static T Configure<T>(T command, TextWriter output, TextWriter error)
        where T : Command
    {
        foreach (var option in new Option[]
        {
            TargetOption, RateOption, DurationOption, ReportOption, SeedOption, AllowRemoteOption,
            ThresholdOption, MaxConnectionsOption, MaxInFlightOption, TimeoutOption,
            RequestOption, HeaderOption, BodyOption, TargetsOption,
        })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, token) => ExecuteAsync(parse, output, error, token));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parse, TextWriter output, TextWriter error, CancellationToken token)
    {
        var (settings, problem) = Bind(parse);
        if (settings is not null)
        {
            foreach (var target in settings.Targets)
            {
                problem ??= await TargetGuard.CheckAsync(target.Url, parse.GetValue(AllowRemoteOption), token).ConfigureAwait(false)
                    is { } refused ? $"--target {target.Name}: {refused}" : null;
            }
        }

        if (settings is null || problem is not null)
        {
            await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
            return UsageError;
        }

        return await LoadExecution.RunAsync(settings, output, token).ConfigureAwait(false);
    }

    private static (LoadSettings? Settings, string? Problem) Bind(ParseResult parse)
    {
        var targets = new List<TargetSpec>();
        foreach (var text in parse.GetValue(TargetOption) ?? [])
        {
            if (!TargetSpec.TryParse(text, out var target, out var problem))
            {
                return (null, problem);
            }

            targets.Add(target!);
        }

        if (targets.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return (null, $"--target name '{twice.Key}' is given twice; names must be unique.");
        }

        var rate = parse.GetValue(RateOption);
        if (!(rate > 0 && rate <= 100_000))
        {
            return (null, $"--rate must be above 0 and at most 100000 requests/s per target, got {rate}.");
        }

        if (!DurationParser.TryParse(parse.GetValue(DurationOption), out var duration, out var durationError) || duration <= TimeSpan.Zero)
        {
            return (null, $"--duration: {(duration <= TimeSpan.Zero && durationError.Length == 0 ? "must be more than 0s, e.g. 60s" : durationError)}.");
        }

        if (!DurationParser.TryParse(parse.GetValue(TimeoutOption), out var timeout, out var timeoutError) || timeout <= TimeSpan.Zero)
        {
            return (null, $"--timeout: {(timeout <= TimeSpan.Zero && timeoutError.Length == 0 ? "must be more than 0s, e.g. 5s" : timeoutError)}.");
        }

        var maxConnections = parse.GetValue(MaxConnectionsOption);
        if (maxConnections is < 1 or > 16_384)
        {
            return (null, $"--max-connections must be between 1 and 16384, got {maxConnections}.");
        }

        var maxInFlight = parse.GetValue(MaxInFlightOption);
        if (maxInFlight < 1)
        {
            return (null, $"--max-in-flight must be at least 1, got {maxInFlight}.");
        }

        var thresholds = new List<(string?, Load.Thresholds.Threshold)>();
        foreach (var text in parse.GetValue(ThresholdOption) ?? [])
        {
            if (!ThresholdText.TryParse(text, out var scenario, out var threshold, out var problem))
            {
                return (null, problem);
            }

            if (scenario is not null && targets.All(t => t.Name != scenario))
            {
                return (null, $"--threshold '{text}' names '{scenario}', which is not a --target.");
            }

            thresholds.Add((scenario, threshold!));
        }

        IReadOnlyList<RequestTemplate> requests;
        try
        {
            requests = RequestArguments.Parse(RequestArguments.Pairs(parse.Tokens.Select(t => t.Value)), Environment.CurrentDirectory);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }

        return (new LoadSettings
        {
            Requests = requests,
            Targets = targets, Rate = rate, Duration = duration, ReportDirectory = parse.GetValue(ReportOption),
            Seed = parse.GetValue(SeedOption), Thresholds = thresholds, MaxConnections = maxConnections, MaxInFlight = maxInFlight, Timeout = timeout,
        }, null);
    }
}
