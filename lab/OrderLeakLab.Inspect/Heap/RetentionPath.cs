namespace OrderLeakLab.Inspect.Heap;

/// <summary>
/// RetentionPath is the shortest chain of references from a GC root to one sample instance — why the instance is
/// still alive. Text form: <c>static Registry.Instance → WorkerRegistry ._workers → ConcurrentDictionary … → OrderReceipt</c>.
/// </summary>
/// <param name="For">What the path was searched for: a type (<c>OrderReceipt</c>) or a leak site (<c>leak site LeakyCheckout.HandOffAsync</c>).</param>
/// <param name="Root">The root in words: <c>static LeakHost.Items</c>, <c>stack of thread 1 (Program.Main)</c>, <c>strong handle</c>, ….</param>
/// <param name="RootKind"><c>static</c>, <c>stack</c>, <c>handle</c>, <c>finalizer</c> or <c>other</c>.</param>
/// <param name="Links">The objects from the root's object to the sample instance, each with the field to the next.</param>
public sealed record RetentionPath(string For, string Root, string RootKind, IReadOnlyList<RetentionLink> Links)
{
    /// <summary>The notable links in order (<c>CancellationToken registration</c>, <c>event Changed (delegate)</c>, …).</summary>
    public IEnumerable<string> Named => Links.Where(l => l.Note is not null).Select(l => l.Note!);

    /// <summary>The path on one line, as <see cref="ToText"/> writes it (in JSON for a reader, not to be parsed).</summary>
    public string Text => ToText();

    /// <summary>The path on one line: <c>static X.F → A ._f → B [] → C</c>, notes in parentheses.</summary>
    public string ToText() => $"{Root} → " + string.Join(" → ", Links.Select(l =>
        $"{l.Type}{(l.Note is { } n ? $" ({n})" : "")}{(l.Field is { } f ? $" {(f.StartsWith('[') ? f : "." + f)}" : "")}"));
}
