using Microsoft.Extensions.Options;

namespace OrderLeakLab.OrderService.Options;

/// <summary>OrdersOptionsValidator rejects settings the service cannot run with, naming the allowed values.</summary>
public sealed class OrdersOptionsValidator : IValidateOptions<OrdersOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OrdersOptions options)
    {
        var failures = new List<string>();
        if (!OrdersOptions.Variants.Contains(options.VariantName))
        {
            var given = string.IsNullOrWhiteSpace(options.Variant) ? "nothing" : $"'{options.Variant}'";
            failures.Add($"Orders__Variant must be one of {string.Join(", ", OrdersOptions.Variants.Select(v => $"'{v}'"))}; got {given}.");
        }

        if (!Checkout.LeakPatterns.Names.Contains(options.LeakName))
        {
            var given = string.IsNullOrWhiteSpace(options.Leak) ? "nothing" : $"'{options.Leak}'";
            failures.Add($"Orders__Leak must be one of {string.Join(", ", Checkout.LeakPatterns.Names)}; got {given}.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(1) || options.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Orders__PollInterval must lie between 00:00:00.001 and 01:00:00; got {options.PollInterval}.");
        }

        if (options.ReloadEvery is < 1 or > 1_000_000)
        {
            failures.Add($"Orders__ReloadEvery must lie between 1 and 1000000; got {options.ReloadEvery}.");
        }

        if (options.DownstreamLatency < TimeSpan.Zero || options.DownstreamLatency > TimeSpan.FromHours(1))
        {
            failures.Add($"Orders__DownstreamLatency must lie between 00:00:00 and 01:00:00; got {options.DownstreamLatency}.");
        }

        if (options.WorkMin < TimeSpan.Zero)
        {
            failures.Add($"Orders__WorkMin must not be negative; got {options.WorkMin}.");
        }

        if (options.WorkMax < options.WorkMin || options.WorkMax > TimeSpan.FromHours(1))
        {
            failures.Add($"Orders__WorkMax must lie between Orders__WorkMin ({options.WorkMin}) and 01:00:00; got {options.WorkMax}.");
        }

        if (options.Deadline <= TimeSpan.Zero || options.Deadline > TimeSpan.FromHours(1))
        {
            failures.Add($"Orders__Deadline must lie in (00:00:00, 01:00:00]; got {options.Deadline}.");
        }

        if (options.DrainTimeout < TimeSpan.Zero)
        {
            failures.Add($"Orders__DrainTimeout must not be negative; got {options.DrainTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
