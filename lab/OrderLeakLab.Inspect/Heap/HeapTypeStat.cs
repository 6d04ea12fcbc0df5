namespace OrderLeakLab.Inspect.Heap;

/// <summary>HeapTypeStat is one row of the heap's type table: how many instances of a type and their bytes.</summary>
/// <param name="Type">The full type name as the runtime names it (<c>OrderLeakLab.OrderService.Checkout.OrderReceipt</c>).</param>
/// <param name="Count">Instances on the heap.</param>
/// <param name="Bytes">Their shallow size in bytes (the objects themselves, not what they reference).</param>
/// <param name="Application">True when the type or one of its generic arguments is the application's; false for the framework's own (caches, pools, Kestrel).</param>
public sealed record HeapTypeStat(string Type, long Count, long Bytes, bool Application);
