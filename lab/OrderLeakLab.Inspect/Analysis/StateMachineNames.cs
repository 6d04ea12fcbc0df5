namespace OrderLeakLab.Inspect.Analysis;

/// <summary>Turns compiler-generated type names into the names a person wrote.</summary>
internal static class StateMachineNames
{
    /// <summary>
    /// <c>Ns.LeakyCheckout+&lt;HandOffAsync&gt;d__5</c> → <c>LeakyCheckout.HandOffAsync</c>;
    /// local functions (<c>&lt;&lt;Main&gt;g__Work|0_0&gt;d</c>) → <c>Program.Main.Work</c>; lambdas → <c>….lambda</c>.
    /// </summary>
    public static string MethodOf(string stateMachineTypeName)
    {
        var name = StripGenericArguments(stateMachineTypeName);
        var plus = name.LastIndexOf('+');
        var owner = plus < 0 ? "" : ShortType(name[..plus]);
        var nested = plus < 0 ? name : name[(plus + 1)..];
        var method = DemangleMember(nested);
        return owner.Length == 0 ? method : $"{owner}.{method}";
    }

    /// <summary>A type name without namespaces or generic arguments: <c>BoundedChannel+BlockedWriteAsyncOperation</c>.</summary>
    public static string ShortType(string typeName)
    {
        var name = StripGenericArguments(typeName);
        var parts = name.Split('+');
        for (var i = 0; i < parts.Length; i++)
        {
            var dot = parts[i].LastIndexOf('.');
            parts[i] = parts[i].StartsWith('<') ? DemangleMember(parts[i]) : dot < 0 ? parts[i] : parts[i][(dot + 1)..];
        }

        return string.Join('.', parts.Where(p => p.Length > 0));
    }

    /// <summary>A method name as written: <c>&lt;Main&gt;b__0_0</c> → <c>Main.lambda</c>, <c>&lt;Main&gt;g__Work|0_0</c> → <c>Main.Work</c>.</summary>
    public static string MethodName(string name) => name.StartsWith('<') ? DemangleMember($"<{name}>") : name;

    /// <summary>Removes every generic argument list (<c>Foo&lt;Bar&lt;Baz&gt;&gt;</c> → <c>Foo</c>), keeping compiler names like <c>&lt;M&gt;d__1</c>.</summary>
    public static string StripGenericArguments(string typeName)
    {
        var result = new System.Text.StringBuilder(typeName.Length);
        var depth = 0;
        for (var i = 0; i < typeName.Length; i++)
        {
            var c = typeName[i];
            var compilerName = c == '<' && (i == 0 || typeName[i - 1] is '+' or '.' or '<' or '|');
            if (c == '<' && !compilerName && depth == 0)
            {
                depth = 1;
                continue;
            }

            if (depth > 0)
            {
                depth += c == '<' ? 1 : c == '>' ? -1 : 0;
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private static string DemangleMember(string member)
    {
        // <Name>d__5, <<Outer>g__Local|0_0>d, <<Outer>b__0_0>d
        if (!member.StartsWith('<'))
        {
            return member;
        }

        var close = MatchingClose(member);
        if (close < 0)
        {
            return member;
        }

        var inner = member[1..close];
        if (!inner.StartsWith('<'))
        {
            return inner;
        }

        var innerClose = MatchingClose(inner);
        var outer = inner[1..innerClose];
        var rest = inner[(innerClose + 1)..];
        if (rest.StartsWith("g__"))
        {
            var bar = rest.IndexOf('|');
            return $"{outer}.{(bar < 0 ? rest[3..] : rest[3..bar])}";
        }

        return $"{outer}.lambda";
    }

    private static int MatchingClose(string s)
    {
        var depth = 0;
        for (var i = 0; i < s.Length; i++)
        {
            depth += s[i] == '<' ? 1 : s[i] == '>' ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
