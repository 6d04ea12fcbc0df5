namespace OrderLeakLab.Common;

/// <summary>What <c>/proc/PID/status</c> said of a process: resident memory in bytes and OS threads (null when absent).</summary>
public sealed record ProcessStatus(long? RssBytes, long? Threads);
