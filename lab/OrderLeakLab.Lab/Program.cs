using System.CommandLine;
using OrderLeakLab.Lab.Cli;
using OrderLeakLab.Lab.Extensions;

// leaklab: demo | soak | inspect | load (DESIGN §5). Exit codes: 0 expectation held, 1 failed, 2 usage error.
var root = new RootCommand("OrderLeakLab: reproduce, watch and judge a .NET background-worker leak.")
    .AddLeakLabCommands();

return await root.InvokeAsync(args);
