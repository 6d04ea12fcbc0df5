namespace OrderLeakLab.OrderService.Orders;

/// <summary>OrderValidator checks an order's content and names every field that is wrong.</summary>
public static class OrderValidator
{
    /// <summary>Most lines an order may have.</summary>
    public const int MaxItems = 100;

    /// <summary>Largest quantity per line (keeps totals far from decimal overflow).</summary>
    public const int MaxQuantity = 10_000;

    /// <summary>Largest unit price (keeps totals far from decimal overflow).</summary>
    public const decimal MaxUnitPrice = 1_000_000m;

    /// <summary>Returns the problems by field (JSON path without <c>$.</c>), empty when the order is valid.</summary>
    public static Dictionary<string, string[]> Validate(OrderRequest? order)
    {
        var errors = new Dictionary<string, string[]>();
        if (order is null)
        {
            errors["body"] = ["The body must be a JSON object."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(order.CustomerId))
        {
            errors["customerId"] = ["customerId is required."];
        }
        else if (order.CustomerId.Length > 100)
        {
            errors["customerId"] = ["customerId must be at most 100 characters."];
        }

        if (order.Items is null || order.Items.Count == 0)
        {
            errors["items"] = ["items must contain at least one line."];
            return errors;
        }

        if (order.Items.Count > MaxItems)
        {
            errors["items"] = [$"items must contain at most {MaxItems} lines; got {order.Items.Count}."];
            return errors;
        }

        for (var i = 0; i < order.Items.Count; i++)
        {
            ValidateLine(order.Items[i], $"items[{i}]", errors);
        }

        return errors;
    }

    private static void ValidateLine(OrderLine? line, string path, Dictionary<string, string[]> errors)
    {
        if (line is null)
        {
            errors[path] = ["An order line must be an object."];
            return;
        }

        if (string.IsNullOrWhiteSpace(line.Sku))
        {
            errors[$"{path}.sku"] = ["sku is required."];
        }

        if (line.Quantity is < 1 or > MaxQuantity)
        {
            errors[$"{path}.quantity"] = [$"quantity must be between 1 and {MaxQuantity}; got {line.Quantity}."];
        }

        if (line.UnitPrice is < 0 or > MaxUnitPrice)
        {
            errors[$"{path}.unitPrice"] = [$"unitPrice must be between 0 and {MaxUnitPrice}; got {line.UnitPrice}."];
        }
    }
}
