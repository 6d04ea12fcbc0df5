using OrderService.Tests.Fixtures;

namespace OrderService.Tests.Orders;

/// <summary>One fixed-variant service whose work always outlasts the deadline, shared by a test class.</summary>
public sealed class LateFixedServiceFixture : IAsyncLifetime
{
    public OrderServiceProcess Service { get; private set; } = null!;

    public async Task InitializeAsync() => Service = await OrderServiceProcess.StartAsync(OrderServiceOptions.AlwaysLate("fixed"));

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
