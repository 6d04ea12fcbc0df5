namespace OrderLeakLab.Lab.Tests.Demo;

/// <summary>Tests that run a real <c>leaklab demo</c> (two services under 1000 req/s each) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DemoProcessCollection
{
    public const string Name = "real leaklab demo processes";
}
