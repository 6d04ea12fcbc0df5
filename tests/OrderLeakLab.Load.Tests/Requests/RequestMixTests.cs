using OrderLeakLab.Load.Requests;

namespace OrderLeakLab.Load.Tests.Requests;

public class RequestMixTests
{
    private static RequestMix Mix(int seed) => new([new(3, HttpMethod.Get, "/a"), new(1, HttpMethod.Post, "/b"), new(2, HttpMethod.Get, "/c")], seed);

    [Fact]
    public void Pick_AnyPrefixOfTheRun_ProportionsHoldWithinOneRound()
    {
        var mix = Mix(42);
        foreach (var n in new[] { 7, 100, 2001, 2500 })
        {
            var counts = Enumerable.Range(0, n).Select(i => mix.Pick(i).PathAndQuery).GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
            Assert.InRange(counts["/a"], (n / 6 * 3) - 3, (n / 6 * 3) + 3);
            Assert.InRange(counts["/b"], (n / 6) - 1, (n / 6) + 1);
            Assert.InRange(counts["/c"], (n / 6 * 2) - 2, (n / 6 * 2) + 2);
        }
    }

    [Fact]
    public void Pick_SameSeed_SameSequence_OtherSeed_OtherOrder()
    {
        var first = Enumerable.Range(0, 600).Select(i => Mix(42).Pick(i).PathAndQuery).ToList();
        var again = Enumerable.Range(0, 600).Select(i => Mix(42).Pick(i).PathAndQuery).ToList();
        var other = Enumerable.Range(0, 600).Select(i => Mix(7).Pick(i).PathAndQuery).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Pick_FromManyThreads_SameAsInOrder()
    {
        var mix = Mix(3);
        var expected = Enumerable.Range(0, 6000).Select(i => Mix(3).Pick(i)).ToArray();
        var picked = new RequestTemplate[6000];
        await Parallel.ForAsync(0, 6000, (i, _) =>
        {
            picked[i] = mix.Pick(i);
            return ValueTask.CompletedTask;
        });

        Assert.Equal(expected.Select(r => r.PathAndQuery), picked.Select(r => r.PathAndQuery));
    }
}
