using Microsoft.Diagnostics.Runtime;

namespace OrderLeakLab.Inspect.Analysis;

/// <summary>
/// Reads one box: its state machine (a struct inside the box in Release builds, a class in Debug), the
/// <c>&lt;&gt;1__state</c> field, and the one awaiter field (<c>&lt;&gt;u__N</c>) that is set — the compiler clears
/// awaiters on resume, so the set one is the await the machine is parked at.
/// </summary>
internal sealed class AsyncBoxReader(ClrHeap heap, BoxTypeCatalog catalog)
{
    private const int TaskCompletedMask = 0x1000000 | 0x200000 | 0x400000; // RanToCompletion | Faulted | Canceled
    private readonly HashSet<ulong> _counted = [];

    /// <summary>Reads the box, or returns null when it is not parked (completed, running, or an idle pooled box).</summary>
    public AsyncBox? Read(ClrObject box, string kind)
    {
        if (kind == BoxTypeCatalog.TaskBox && box.TryReadField<int>("m_stateFlags", out var flags) && (flags & TaskCompletedMask) != 0)
        {
            return null;
        }

        var field = box.Type?.GetFieldByName("StateMachine");
        if (field is null)
        {
            return null;
        }

        var (smType, smAddress, interior) = field.IsObjectReference
            ? ReadClassMachine(field.ReadObject(box.Address, false))
            : (field.Type, field.GetAddress(box.Address), true);
        if (smType is null || smAddress == 0)
        {
            return null;
        }

        var stateField = smType.GetFieldByName("<>1__state");
        var state = stateField is null ? -1 : stateField.Read<int>(smAddress, interior);
        if (state < 0)
        {
            return null; // -1 running now, -2 finished
        }

        var awaited = FindAwaited(smType, smAddress, interior);
        if (awaited.IsNull && kind == BoxTypeCatalog.PooledBox)
        {
            return null; // an idle box resting in the pool
        }

        var awaitedKind = catalog.KindOf(awaited.Type);
        var awaitedMachine = awaitedKind is null ? null : MachineTypeName(awaited);
        var awaiting = awaited.IsNull ? "(nothing)"
            : awaitedMachine is not null ? "async " + StateMachineNames.MethodOf(awaitedMachine)
            : StateMachineNames.ShortType(awaited.Type?.Name ?? "?");
        var continuation = kind == BoxTypeCatalog.TaskBox && box.TryReadObjectField("m_continuationObject", out var c) ? c.Address : 0;
        return new AsyncBox(box.Address, StateMachineNames.MethodOf(smType.Name ?? "?"), state, awaiting, awaited.Address,
            awaitedKind is not null, kind, OwnedBytes(box), continuation, CodeOrigin.StandingWork(smType.Name),
            awaitedMachine is not null && !CodeOrigin.IsFramework(awaitedMachine));
    }

    /// <summary>The state machine type name inside a box (for naming the method a box belongs to).</summary>
    public static string MachineTypeName(ClrObject box)
    {
        var field = box.Type?.GetFieldByName("StateMachine");
        if (field?.Type?.Name is { } name && !field.IsObjectReference)
        {
            return name;
        }

        if (field is not null && field.IsObjectReference && field.ReadObject(box.Address, false) is { IsNull: false } sm)
        {
            return sm.Type?.Name ?? "?";
        }

        // Fall back to the last generic argument of the box type name.
        var boxName = box.Type?.Name ?? "?";
        var open = boxName.LastIndexOf("Box<", StringComparison.Ordinal);
        return open < 0 ? boxName : boxName[(open + 4)..^1];
    }

    private static (ClrType?, ulong, bool) ReadClassMachine(ClrObject machine) =>
        machine.IsNull ? (null, 0, false) : (machine.Type, machine.Address, false);

    private ClrObject FindAwaited(ClrType smType, ulong smAddress, bool interior)
    {
        foreach (var f in smType.Fields)
        {
            if (f.Name is null || !f.Name.StartsWith("<>u__", StringComparison.Ordinal))
            {
                continue;
            }

            var found = f.IsObjectReference ? f.ReadObject(smAddress, interior) : FirstObjectIn(f.Type, f.GetAddress(smAddress, interior), 0);
            if (!found.IsNull && found.IsValid)
            {
                return found;
            }
        }

        return default;
    }

    /// <summary>Depth-first: the first non-null object reference inside a struct (TaskAwaiter.m_task, ValueTaskAwaiter._value._obj, …).</summary>
    private ClrObject FirstObjectIn(ClrType? structType, ulong address, int depth)
    {
        if (structType is null || depth > 4)
        {
            return default;
        }

        foreach (var f in structType.Fields)
        {
            if (f.IsObjectReference)
            {
                var o = f.ReadObject(address, true);
                if (!o.IsNull)
                {
                    return heap.GetObject(o.Address);
                }
            }
            else if (f.IsValueType)
            {
                var o = FirstObjectIn(f.Type, f.GetAddress(address, true), depth + 1);
                if (!o.IsNull)
                {
                    return o;
                }
            }
        }

        return default;
    }

    private long OwnedBytes(ClrObject box)
    {
        var bytes = (long)box.Size;
        foreach (var r in box.EnumerateReferences())
        {
            if (catalog.KindOf(r.Type) is null && _counted.Add(r.Address))
            {
                bytes += (long)r.Size;
            }
        }

        return bytes;
    }
}
