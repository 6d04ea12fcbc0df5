using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace OrderLeakLab.OrderService.Orders;

/// <summary>
/// OrderBodyReader turns a request into an <see cref="OrderRequest"/> plus its raw body, or into the 4xx a
/// client mistake deserves (415 content type, 413 size, 400 malformed or invalid) — never a 500.
/// </summary>
public static class OrderBodyReader
{
    /// <summary>Largest accepted body: 64 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 16 };

    /// <summary>Reads and validates the order; exactly one of the result's members is set.</summary>
    public static async Task<(OrderRequest? Order, byte[] Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, [], TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: $"POST /orders takes application/json; got '{request.ContentType ?? "none"}'."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, [], TooLarge());
        }

        var body = await ReadLimitedAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return (null, [], TooLarge());
        }

        OrderRequest? order;
        try
        {
            order = JsonSerializer.Deserialize<OrderRequest>(body, Json);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, [], Invalid(new() { [field] = [$"Malformed JSON at {ex.Path ?? "$"}: {FirstSentence(ex.Message)}"] }));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            return (null, [], Invalid(new() { ["body"] = ["The body is not valid UTF-8 JSON."] }));
        }

        var errors = OrderValidator.Validate(order);
        return errors.Count == 0 ? (order, body, null) : (null, [], Invalid(errors));
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Order too large",
        detail: $"The body must be at most {MaxBodyBytes} bytes.");

    private static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid order",
            Detail = $"Check {string.Join(", ", errors.Keys)}.",
        });

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
