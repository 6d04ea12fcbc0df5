using OrderLeakLab.Lab.Demo;

namespace OrderLeakLab.Lab.Tests.Demo;

public class DemoPresetTests
{
    [Theory]
    [InlineData("undisposed-linked-token", true)]
    [InlineData("blocked-send", false)]
    [InlineData("sync-over-async", false)]
    public void Create_Pattern_CountsRegistrationsOnlyWhereTheLeakIsTooSmallForMemory(string leak, bool counted)
    {
        var plan = DemoPreset.Create(new DemoOptions { Leak = leak }, "/nonexistent/OrderService.dll");

        Assert.Equal(counted, plan.CountRegistrations);
        Assert.Equal(["leaky", "fixed"], plan.Targets.Select(t => t.Name));
    }
}
