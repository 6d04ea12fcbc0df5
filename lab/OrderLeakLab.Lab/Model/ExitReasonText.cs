namespace OrderLeakLab.Lab.Model;

/// <summary>ExitReasonText names an <see cref="ExitReason"/> the way reports, JSON and the live view print it.</summary>
public static class ExitReasonText
{
    /// <summary>The reason as a cluster would print it (<c>OOMKilled</c> as in <c>kubectl get pods</c>).</summary>
    public static string Text(this ExitReason reason) => reason switch
    {
        ExitReason.OomKilled => "OOMKilled",
        ExitReason.OutOfMemoryException => "OutOfMemoryException",
        ExitReason.Watchdog => "Watchdog",
        ExitReason.Crash => "Crash",
        _ => "Stopped",
    };
}
