using OrderLeakLab.Inspect;
using static System.FormattableString;

namespace OrderLeakLab.Lab.Verdict;

/// <summary>
/// RegistrationEvidence adds the token-registration count taken after the cooldown (see
/// <c>TokenRegistrationProbe</c>) to a verdict: a token source still holding
/// <see cref="VerdictOptions.MinResidualRegistrations"/> callbacks once the load is over and the heap collected keeps
/// one object graph per request that registered on it — a memory LEAK however small each one is (linked sources never
/// disposed, Go's cancel never called). Fewer, or none, is a supporting line.
/// </summary>
public static class RegistrationEvidence
{
    /// <summary>Returns <paramref name="verdict"/> with the count applied; unchanged when nothing was counted.</summary>
    public static TargetVerdict Apply(TargetVerdict verdict, IReadOnlyList<TokenRegistrationGroup>? groups, VerdictOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        options ??= new VerdictOptions();
        if (groups is null)
        {
            return verdict;
        }

        var top = groups.OrderByDescending(g => g.Registrations).FirstOrDefault();
        if (top is null || top.Registrations < options.MinResidualRegistrations)
        {
            var line = top is null
                ? "after cooldown and a full GC: no token source holds many registrations"
                : Invariant($"after cooldown and a full GC: at most {NumberFormat.Count(top.Registrations)} registrations on one token source ({top.Source})");
            return verdict with { Evidence = [.. verdict.Evidence, line] };
        }

        return verdict with
        {
            Outcome = VerdictOutcome.Leak,
            Kinds = verdict.Kinds.Contains(LeakKind.Memory) ? verdict.Kinds : [LeakKind.Memory, .. verdict.Kinds],
            Evidence = ["after cooldown and a full GC: " + top.Describe(), .. verdict.Evidence],
        };
    }
}
