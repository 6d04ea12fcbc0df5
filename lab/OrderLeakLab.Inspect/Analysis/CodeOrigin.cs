namespace OrderLeakLab.Inspect.Analysis;

/// <summary>
/// CodeOrigin tells the framework's code from the application's by full type name, and names the framework's
/// standing work — Kestrel's accept and per-connection loops, the host's lifetime waits, idle thread-pool
/// workers — which every healthy ASP.NET Core process has and which is never a leak site.
/// </summary>
public static class CodeOrigin
{
    private static readonly string[] FrameworkPrefixes = ["System.", "Microsoft.", "Internal.", "Interop", "ILStubClass", "FxResources.", "Windows."];

    /// <summary>Whether <paramref name="fullTypeName"/> (generic arguments ignored) belongs to the runtime or a framework.</summary>
    public static bool IsFramework(string? fullTypeName)
    {
        if (string.IsNullOrEmpty(fullTypeName))
        {
            return true;
        }

        var name = StateMachineNames.StripGenericArguments(fullTypeName);
        return FrameworkPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) || !name.Contains('.', StringComparison.Ordinal) && name.StartsWith('<');
    }

    /// <summary>
    /// Whether a full type name mentions an application type anywhere, including generic arguments
    /// (<c>List&lt;Shop.OrderLine&gt;</c> is application-owned; <c>List&lt;string&gt;</c> is not).
    /// </summary>
    public static bool MentionsApplication(string? fullTypeName)
    {
        if (string.IsNullOrEmpty(fullTypeName))
        {
            return false;
        }

        foreach (var part in fullTypeName.Split(['<', '>', ',', '[', ']', ' ', '+', '&', '*'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Contains('.', StringComparison.Ordinal) && !IsFramework(part))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A label for the framework's standing work (<c>Kestrel accept loop</c>, <c>Kestrel connection loop</c>,
    /// <c>host lifetime wait</c>, <c>idle thread-pool worker</c>, <c>framework</c> for other framework code), or null for application code.
    /// </summary>
    public static string? StandingWork(string? fullTypeName)
    {
        if (!IsFramework(fullTypeName))
        {
            return null;
        }

        var name = fullTypeName ?? "";
        return name switch
        {
            _ when name.Contains("Kestrel", StringComparison.Ordinal) && (name.Contains("Listener", StringComparison.Ordinal)
                || name.Contains("Accept", StringComparison.Ordinal) || name.Contains("ConnectionDispatcher", StringComparison.Ordinal)
                || name.Contains("TransportManager", StringComparison.Ordinal)) => "Kestrel accept loop",
            _ when name.Contains("Kestrel", StringComparison.Ordinal) || name.StartsWith("System.IO.Pipelines.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore.Connections.", StringComparison.Ordinal) => "Kestrel connection loop",
            _ when name.StartsWith("Microsoft.Extensions.Hosting.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore.Hosting.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore.Builder.WebApplication", StringComparison.Ordinal) => "host lifetime wait",
            _ when name.Contains("PortableThreadPool", StringComparison.Ordinal) || name.Contains("LowLevelLifoSemaphore", StringComparison.Ordinal)
                || name.Contains("ThreadPoolWorkQueue", StringComparison.Ordinal) => "idle thread-pool worker",
            _ => "framework",
        };
    }
}
