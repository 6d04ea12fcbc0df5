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
    /// <summary>
    /// Builds the start info. With a cgroup, a <c>sh</c> wrapper writes its own pid to the cgroup and then
    /// <c>exec</c>s the program, so the runtime starts already inside the limit (the GC sizes itself from the
    /// cgroup at start-up) and the pid the lab holds is the program's own.
    /// </summary>
    public ProcessStartInfo ToStartInfo()
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (CgroupProcsFile is null)
        {
            psi.FileName = FileName;
        }
        else
        {
            psi.FileName = "/bin/sh";
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("echo $$ > \"$0\" || exit 125; exec \"$@\"");
            psi.ArgumentList.Add(CgroupProcsFile);
            psi.ArgumentList.Add(FileName);
        }

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
