using Microsoft.Diagnostics.Runtime;

namespace OrderLeakLab.Inspect.Analysis;

/// <summary>
/// Recognises async state machine box types by name, once per method table:
/// <c>AsyncTaskMethodBuilder&lt;…&gt;+AsyncStateMachineBox&lt;…&gt;</c> (Task, ValueTask and async void methods) and
/// <c>PoolingAsyncValueTaskMethodBuilder&lt;…&gt;+StateMachineBox&lt;…&gt;</c> (pooled ValueTask methods, which SOS dumpasync misses).
/// </summary>
internal sealed class BoxTypeCatalog
{
    public const string TaskBox = "Task";
    public const string PooledBox = "PooledValueTask";

    private readonly Dictionary<ulong, string?> _kinds = [];

    /// <summary>The box kind of <paramref name="type"/>, or null when it is not an async state machine box.</summary>
    public string? KindOf(ClrType? type)
    {
        if (type is null)
        {
            return null;
        }

        if (!_kinds.TryGetValue(type.MethodTable, out var kind))
        {
            kind = Classify(type.Name);
            _kinds[type.MethodTable] = kind;
        }

        return kind;
    }

    internal static string? Classify(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (name.StartsWith("System.Runtime.CompilerServices.AsyncTaskMethodBuilder", StringComparison.Ordinal)
            && (name.Contains("+AsyncStateMachineBox<", StringComparison.Ordinal)
                || name.Contains("+DebugFinalizableAsyncStateMachineBox<", StringComparison.Ordinal)))
        {
            return TaskBox;
        }

        return name.StartsWith("System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder", StringComparison.Ordinal)
            && name.Contains("+StateMachineBox<", StringComparison.Ordinal)
            ? PooledBox
            : null;
    }
}
