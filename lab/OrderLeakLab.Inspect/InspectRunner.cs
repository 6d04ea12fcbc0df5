using System.Globalization;
using OrderLeakLab.Inspect.Diff;
using OrderLeakLab.Inspect.Rendering;

namespace OrderLeakLab.Inspect;

/// <summary>Runs a validated <see cref="InspectRequest"/>: one snapshot, or three for <c>--diff</c>.</summary>
internal static class InspectRunner
{
    public static async Task<int> RunAsync(InspectRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            if (!request.Diff)
            {
                var report = await HeapInspector.InspectAsync(request.Pid, request.Options, cancellationToken);
                if (request.Json)
                {
                    output.WriteLine(InspectionJson.Serialize(report));
                }
                else
                {
                    TextReportWriter.Write(output, report);
                }

                return 0;
            }

            var diff = await DiffAsync(request, error, cancellationToken);
            if (request.Json)
            {
                output.WriteLine(InspectionJson.Serialize(diff));
            }
            else
            {
                DiffTextWriter.Write(output, diff);
            }

            return 0;
        }
        catch (InspectionException e)
        {
            return InspectCommand.Usage(error, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("leaklab inspect: interrupted; the target was resumed");
            return 130;
        }
    }

    private static async Task<InspectionDiff> DiffAsync(InspectRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        var every = request.Interval.ToString("c", CultureInfo.InvariantCulture);
        var baseline = await HeapInspector.InspectAsync(request.Pid, request.Options, cancellationToken);
        error.WriteLine($"baseline: {baseline.PendingStateMachines:N0} pending; apply the load now, next snapshot in {every}");
        await Task.Delay(request.Interval, cancellationToken);
        var afterLoad = await HeapInspector.InspectAsync(request.Pid, request.Options, cancellationToken);
        error.WriteLine($"after load: {afterLoad.PendingStateMachines:N0} pending; stop the load now, last snapshot in {every}");
        await Task.Delay(request.Interval, cancellationToken);
        // The last look searches retention paths for the application types that grew since the baseline.
        request.Options.BaselineTypes = baseline.HeapTypes;
        var afterCooldown = await HeapInspector.InspectAsync(request.Pid, request.Options, cancellationToken);
        return InspectionDiff.Compute(baseline, afterLoad, afterCooldown);
    }
}
