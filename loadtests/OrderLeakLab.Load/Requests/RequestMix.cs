namespace OrderLeakLab.Load.Requests;

/// <summary>
/// RequestMix is a weighted set of requests and the rule that picks one per arrival. The pick is deterministic: the
/// arrivals are cut into rounds of <see cref="TotalWeight"/>, and each round sends every request exactly its weight
/// times, in an order shuffled from <see cref="Seed"/> and the round's number. So the same seed sends the same
/// sequence, and the proportions hold to within one round at any point of the run (not merely on average).
/// <code>
/// var mix = new RequestMix([new(3, HttpMethod.Get, "/api/items"), new(1, HttpMethod.Post, "/api/orders")], seed: 42);
/// var request = mix.Pick(invocationNumber);
/// </code>
/// </summary>
public sealed class RequestMix
{
    private readonly int[] _slots;
    private Round? _round;

    /// <summary>Creates a mix of <paramref name="requests"/> (at least one) picked from <paramref name="seed"/>.</summary>
    public RequestMix(IReadOnlyList<RequestTemplate> requests, int seed)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfZero(requests.Count);
        if (requests.FirstOrDefault(r => r.Weight is < 1 or > RequestArguments.MaxWeight) is { } bad)
        {
            throw new ArgumentOutOfRangeException(nameof(requests), bad.Weight, $"weights must be between 1 and {RequestArguments.MaxWeight}");
        }

        Requests = requests;
        Seed = seed;
        _slots = [.. requests.SelectMany((r, i) => Enumerable.Repeat(i, r.Weight))];
    }

    /// <summary>The requests, in the order given.</summary>
    public IReadOnlyList<RequestTemplate> Requests { get; }

    /// <summary>The seed the order of each round is shuffled from.</summary>
    public int Seed { get; }

    /// <summary>Arrivals per round: the sum of the weights.</summary>
    public int TotalWeight => _slots.Length;

    /// <summary>The mix in a line, e.g. <c>3:GET /api/items, 1:POST /api/orders</c>.</summary>
    public override string ToString() => string.Join(", ", Requests);

    /// <summary>The request arrival number <paramref name="invocation"/> (0-based) sends. Thread-safe.</summary>
    public RequestTemplate Pick(long invocation) => Requests[PickIndex(invocation)];

    /// <summary>The index in <see cref="Requests"/> of what arrival <paramref name="invocation"/> sends. Thread-safe.</summary>
    public int PickIndex(long invocation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(invocation);
        var index = invocation / _slots.Length;
        var round = Volatile.Read(ref _round);
        if (round is null || round.Index != index)
        {
            round = new Round(index, Shuffle(index));
            Volatile.Write(ref _round, round); // a racing thread may shuffle the same round again: same result
        }

        return round.Order[invocation % _slots.Length];
    }

    private int[] Shuffle(long round)
    {
        var order = (int[])_slots.Clone();
        var random = new Random(SeedFor(round));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    // SplitMix64 of (seed, round): a stable seed per round (HashCode.Combine differs from process to process).
    private int SeedFor(long round)
    {
        unchecked
        {
            var z = ((ulong)(uint)Seed << 32 ^ (ulong)round) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
        }
    }

    private sealed record Round(long Index, int[] Order);
}
