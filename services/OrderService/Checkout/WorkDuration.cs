using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Options;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// WorkDuration draws each worker's work time uniformly from [<see cref="OrdersOptions.WorkMin"/>,
/// <see cref="OrdersOptions.WorkMax"/>]. Set both to the same value for a deterministic duration.
/// </summary>
public sealed class WorkDuration(IOptions<OrdersOptions> options, Random random)
{
    /// <summary>The next work duration.</summary>
    public TimeSpan Next()
    {
        var (min, max) = (options.Value.WorkMin, options.Value.WorkMax);
        return max <= min ? min : min + (max - min) * random.NextDouble();
    }
}
