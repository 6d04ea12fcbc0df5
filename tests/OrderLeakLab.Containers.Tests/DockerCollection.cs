namespace OrderLeakLab.Containers.Tests;

/// <summary>
/// The container tests: one collection, one engine and one set of built images, run one after another and alone
/// (after the parallel collections), so that their load does not compete with other tests for the CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerCollection : ICollectionFixture<DockerEngine>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "docker";
}
