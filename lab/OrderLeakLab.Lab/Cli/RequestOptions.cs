using System.CommandLine;
using OrderLeakLab.Lab.Run;
using OrderLeakLab.Load.Requests;

namespace OrderLeakLab.Lab.Cli;

/// <summary>
/// RequestOptions are the load options <c>demo</c> and <c>soak</c> share with the load CLI: <c>--request</c>,
/// <c>--header</c>, <c>--body</c>, <c>--targets</c> and <c>--seed</c>. Headers and bodies apply to the request given
/// before them, so the options are read in command-line order (see <see cref="RequestArguments"/>).
/// </summary>
public sealed class RequestOptions
{
    private RequestOptions()
    {
    }

    /// <summary><c>--request "[W:]METHOD PATH"</c>.</summary>
    public Option<string[]> Request { get; } = new("--request") { Description = "\"[W:]METHOD PATH\" to send instead of orders, e.g. \"3:GET /api/items\" (repeatable; W = weight, default 1)", Arity = ArgumentArity.ZeroOrMore };

    /// <summary><c>--header "Name: value"</c>.</summary>
    public Option<string[]> Header { get; } = new("--header") { Description = "\"Name: value\" header of the --request before it (repeatable)", Arity = ArgumentArity.ZeroOrMore };

    /// <summary><c>--body @file|TEXT</c>.</summary>
    public Option<string[]> Body { get; } = new("--body") { Description = "Body of the --request before it: @file.json or inline text such as '{\"a\":1}'", Arity = ArgumentArity.ZeroOrMore };

    /// <summary><c>--targets FILE</c>.</summary>
    public Option<string[]> Targets { get; } = new("--targets") { Description = "A Vegeta targets file (METHOD URL, headers, @body; blank line between); URLs keep their path, the host is each --target's", Arity = ArgumentArity.ZeroOrMore };

    /// <summary><c>--seed N</c>.</summary>
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the request mix's order and of the generated orders (default 42)", DefaultValueFactory = _ => 42 };

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public static RequestOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new RequestOptions();
        foreach (var option in new Option[] { options.Request, options.Header, options.Body, options.Targets, options.Seed })
        {
            command.Options.Add(option);
        }

        return options;
    }

    /// <summary>The load plan the command line asks for: the request mix, or the order scenario when no request option was given.</summary>
    /// <exception cref="FormatException">One line saying which option to change.</exception>
    public LoadPlan Parse(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var requests = RequestArguments.Parse(RequestArguments.Pairs(parse.Tokens.Select(t => t.Value)), Environment.CurrentDirectory);
        return requests.Count == 0 ? LoadPlan.Orders : LoadPlan.Requests(new RequestMix(requests, parse.GetValue(Seed)));
    }
}
