using System.Diagnostics;

namespace OrderLeakLab.Lab.Supervision;

/// <summary>LaunchSpec is what to run for one supervised process and where (its cgroup, if any).</summary>
/// <param name="FileName">The program, e.g. <c>dotnet</c>.</param>
/// <param name="Arguments">Its arguments, e.g. the service dll.</param>
/// <param name="Environment">Variables to set (a null value removes an inherited one).</param>
/// <param name="CgroupProcsFile">When set, the process joins this cgroup before the program starts.</param>
public sealed record LaunchSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    string? CgroupProcsFile)
{
    /// <summary>Where <c>setsid</c> lives; when present the child gets its own session.</summary>
    internal const string SetsidPath = "/usr/bin/setsid";

    /// <summary>
    /// Builds the start info. A <c>sh</c> wrapper writes its own pid to the cgroup (when there is one) and then
    /// <c>exec</c>s the program, so the runtime starts already inside the limit (the GC sizes itself from the
    /// cgroup at start-up) and the pid the lab holds is the program's own. Through <c>setsid</c> (no fork: the
    /// wrapper is not a group leader) the child gets its own session, so a terminal's Ctrl-C reaches only the lab,
    /// which then ends its children itself instead of racing their graceful shutdown.
    /// </summary>
    public ProcessStartInfo ToStartInfo()
    {
        var psi = new ProcessStartInfo
        {
            FileName = "/bin/sh",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var join = CgroupProcsFile is null ? "" : "echo $$ > \"$0\" || exit 125; ";
        var exec = File.Exists(SetsidPath) ? $"exec {SetsidPath} \"$@\"" : "exec \"$@\"";
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(join + exec);
        psi.ArgumentList.Add(CgroupProcsFile ?? "leaklab-child");
        psi.ArgumentList.Add(FileName);
        foreach (var a in Arguments)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in Environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(key);
            }
            else
            {
                psi.Environment[key] = value;
            }
        }

        return psi;
    }
}
