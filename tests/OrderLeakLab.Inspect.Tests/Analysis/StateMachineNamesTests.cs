using OrderLeakLab.Inspect.Analysis;

namespace OrderLeakLab.Inspect.Tests.Analysis;

public class StateMachineNamesTests
{
    [Theory]
    [InlineData("OrderService.Orders.LeakyCheckout+<HandOffAsync>d__5", "LeakyCheckout.HandOffAsync")]
    [InlineData("Program+<<Main>g__Work|0_0>d", "Program.Main.Work")]
    [InlineData("Ns.Cache<System.String>+<GetAsync>d__3<System.Int32>", "Cache.GetAsync")]
    [InlineData("Ns.Api+<>c+<<Map>b__0_0>d", "Api.Map.lambda")]
    public void MethodOf_CompilerGeneratedName_MethodAsWritten(string typeName, string expected) =>
        Assert.Equal(expected, StateMachineNames.MethodOf(typeName));

    [Theory]
    [InlineData("System.Threading.Channels.BoundedChannel<System.Int32>+BlockedWriteAsyncOperation<System.Int32>", "BoundedChannel.BlockedWriteAsyncOperation")]
    [InlineData("System.Threading.Tasks.Task+DelayPromise", "Task.DelayPromise")]
    public void ShortType_FullName_NoNamespacesOrGenericArguments(string typeName, string expected) =>
        Assert.Equal(expected, StateMachineNames.ShortType(typeName));

    [Theory]
    [InlineData("System.Runtime.CompilerServices.AsyncTaskMethodBuilder<System.Threading.Tasks.VoidTaskResult>+AsyncStateMachineBox<A+<B>d__1>", "Task")]
    [InlineData("System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<System.Int32>+StateMachineBox<A+<B>d__1>", "PooledValueTask")]
    [InlineData("System.Threading.Tasks.Task<System.Int32>", null)]
    public void Classify_BoxTypeName_Kind(string typeName, string? expected) =>
        Assert.Equal(expected, BoxTypeCatalog.Classify(typeName));
}
