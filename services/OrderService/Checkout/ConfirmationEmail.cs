using System.Globalization;
using System.Net;
using System.Text;
using OrderLeakLab.OrderService.Orders;

namespace OrderLeakLab.OrderService.Checkout;

/// <summary>
/// ConfirmationEmail renders the confirmation e-mail a worker produces as part of its result, as order
/// services do. It is what makes a finished worker's result weigh what a real one weighs (a few KiB for
/// a ten-line order), so a leaked worker retains what it would retain in production.
/// </summary>
public static class ConfirmationEmail
{
    /// <summary>Renders the HTML confirmation for <paramref name="order"/> with its priced lines.</summary>
    public static string Render(Guid orderId, OrderRequest order, IReadOnlyList<decimal> lineTotals, decimal total)
    {
        var lines = order.Items ?? [];
        var html = new StringBuilder(640 + 160 * lines.Count);
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Order ")
            .Append(orderId).Append(" confirmed</title></head><body style=\"font-family:sans-serif\">")
            .Append("<h1>Thank you for your order</h1><p>Dear customer ")
            .Append(WebUtility.HtmlEncode(order.CustomerId))
            .Append(", we have received order <strong>").Append(orderId)
            .Append("</strong> and will ship it as soon as every article is packed.</p>")
            .Append("<table><thead><tr><th>Article</th><th>Quantity</th><th>Unit price</th><th>Line total</th></tr></thead><tbody>");
        for (var i = 0; i < lines.Count; i++)
        {
            html.Append("<tr><td class=\"sku\">").Append(WebUtility.HtmlEncode(lines[i].Sku))
                .Append("</td><td class=\"qty\">").Append(lines[i].Quantity.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td class=\"price\">").Append(Money(lines[i].UnitPrice))
                .Append("</td><td class=\"total\">").Append(Money(lineTotals[i])).Append("</td></tr>");
        }

        return html.Append("</tbody><tfoot><tr><td colspan=\"3\">Total (VAT included)</td><td>").Append(Money(total))
            .Append("</td></tr></tfoot></table><p>You can follow your order at any time from your account page. ")
            .Append("Questions? Reply to this message and quote the order number above.</p></body></html>")
            .ToString();
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture) + " EUR";
}
