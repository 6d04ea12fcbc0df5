using OrderLeakLab.Lab.Run;
using static OrderLeakLab.Lab.Tests.Verdict.SyntheticTimeline;

namespace OrderLeakLab.Lab.Tests.Run;

public class ServiceContractTests
{
    [Fact]
    public void Expected504Share_Defaults_IsSixtyPercent()
    {
        // Work uniform in 300–800 ms, deadline 500 ms: P(work > 500 ms) = 300 / 500.
        Assert.Equal(0.6, ServiceContract.Default.Expected504Share, 6);
    }

    [Fact]
    public void FromEnvironment_OrdersVariables_OverrideTheDefaults()
    {
        var env = new Dictionary<string, string?> { ["Orders__WorkMax"] = "00:00:01", ["Orders__Deadline"] = "00:00:00.900" };

        var contract = ServiceContract.FromEnvironment(name => env.GetValueOrDefault(name));

        Assert.Equal(new ServiceContract(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(900)), contract);
        Assert.Equal(0.1 / 0.7, contract.Expected504Share, 6);
    }

    [Fact]
    public void Describe_DemoRun_ExpectedShareBesideMeasuredAndFixedP99AgainstTheDeadline()
    {
        // Each synthetic second under load: 60 ok, 40 timed out, p99 500 ms.
        var lines = ServiceContract.Default.Describe([Build("leaky", _ => (80, 0)), Build("fixed", _ => (80, 0))], Phases).ToList();

        Assert.Equal(
            [
                "service contract: work 300 ms–800 ms (uniform), deadline 500 ms: 60% of orders are expected to answer 504 by design (work outlasts the deadline); measured under load: leaky 40%, fixed 40%",
                "fixed p99 under load 500 ms (median of per-second p99s, max 500 ms) against the 500 ms deadline: the handler answers by its deadline",
            ],
            lines);
    }
}
