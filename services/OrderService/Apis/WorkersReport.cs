using OrderLeakLab.OrderService.Workers;

namespace OrderLeakLab.OrderService.Apis;

/// <summary>WorkersReport is the JSON of <c>GET /debug/workers?format=json</c>.</summary>
/// <param name="Total">Workers in flight.</param>
/// <param name="Groups">Grouped by stage, largest first.</param>
public sealed record WorkersReport(int Total, IReadOnlyList<WorkerGroup> Groups);
