// The order load generator: parse the command line, run one order scenario per --target, report, exit 0/1/2.
using OrderLeakLab.Scenarios.Cli;

return await LoadCommand.RunAsync(args, Console.Out, Console.Error);
