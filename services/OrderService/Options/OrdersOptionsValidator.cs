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
