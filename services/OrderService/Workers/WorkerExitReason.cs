namespace OrderLeakLab.OrderService.Workers;

/// <summary>WorkerExitReason holds the values of the <c>reason</c> label of <c>orders_workers_exited_total</c>.</summary>
public static class WorkerExitReason
{
    /// <summary>The worker handed its result to the caller.</summary>
    public const string Delivered = "delivered";

    /// <summary>The worker observed cancellation (deadline, caller gone, shutdown) and left.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The worker threw.</summary>
    public const string Failed = "failed";
}
