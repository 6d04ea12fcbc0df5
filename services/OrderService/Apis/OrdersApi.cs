using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrderLeakLab.OrderService.Checkout;
using OrderLeakLab.OrderService.Metrics;
using OrderLeakLab.OrderService.Options;
using OrderLeakLab.OrderService.Orders;

namespace OrderLeakLab.OrderService.Apis;

/// <summary>OrdersApi maps <c>POST /orders</c>.</summary>
public static class OrdersApi
{
    /// <summary>Maps the orders endpoints.</summary>
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        // One route, no group: a group's "/" (or "") would make the route pattern, and so the endpoint label of
        // the HTTP metrics, read "/orders/".
        app.MapPost("/orders", CreateOrderAsync);
        return app;
    }

    /// <summary>
    /// Places an order: 200 with the confirmation when the worker's result beats the deadline, 504 when the
    /// handler gives up, 400/413/415 for client mistakes. Both variants answer alike.
    /// </summary>
    public static async Task<Results<Ok<OrderConfirmation>, ProblemHttpResult>> CreateOrderAsync(
        HttpContext context, ICheckout checkout, WorkDuration duration, OrdersMetrics metrics, IOptions<OrdersOptions> options, TimeProvider time)
    {
        var received = time.GetTimestamp();
        var (order, body, problem) = await OrderBodyReader.ReadAsync(context.Request, context.RequestAborted);
        if (problem is not null || order is null)
        {
            metrics.Request("rejected");
            return problem ?? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid order");
        }

        var work = new OrderWork(Guid.NewGuid(), order, body, duration.Next());
        var result = await checkout.CheckoutAsync(work, context.RequestAborted);
        if (!result.IsConfirmed)
        {
            metrics.Request("timed_out");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status504GatewayTimeout,
                title: "Checkout timed out",
                detail: $"The order was not confirmed within {options.Value.Deadline.TotalMilliseconds} ms.",
                extensions: new Dictionary<string, object?> { ["orderId"] = work.OrderId });
        }

        metrics.Request("confirmed");
        var elapsed = (long)time.GetElapsedTime(received).TotalMilliseconds;
        return TypedResults.Ok(new OrderConfirmation(work.OrderId, "confirmed", elapsed));
    }
}
