namespace OrderLeakLab.LeakTestApp;

/// <summary>
/// TestEndpoints maps one URL per behaviour, the bad and the good side by side:
/// <c>GET /leak/{kb}</c> keeps what it allocates in a static list (a leak: the list is a GC root for ever);
/// <c>GET /spike/{mb}</c> allocates a large block, touches it and lets it go (a spike, not a leak);
/// <c>GET /healthy</c> and <c>GET /items/{id}</c> allocate nothing that outlives the request;
/// <c>POST /echo</c> answers 200 only with a body and an <c>X-Mix</c> header (so a test sees both arrived);
/// <c>GET /healthz</c> is alive.
/// </summary>
public static class TestEndpoints
{
    // LEAK: a static list roots every block /leak allocates; nothing ever removes one.
    private static readonly List<byte[]> Kept = [];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/leak/{kb:int}", (int kb) =>
        {
            var block = Touched(kb * 1024);
            lock (Kept)
            {
                Kept.Add(block);
                return Results.Text($"kept {Kept.Count} blocks");
            }
        });
        app.MapGet("/spike/{mb:int}", (int mb) => Results.Text($"allocated {Touched(mb * 1024 * 1024).Length} bytes and let them go"));
        app.MapGet("/healthy", () => Results.Text("ok"));
        app.MapGet("/items/{id:int}", (int id) => Results.Text($"item {id}"));
        app.MapPost("/echo", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return body.Length > 0 && request.Headers.ContainsKey("X-Mix") ? Results.Text(body) : Results.BadRequest("need a body and an X-Mix header");
        });
        app.MapGet("/healthz", () => Results.Text("alive"));
        return app;
    }

    // Writing every page makes the memory resident: an untouched array would cost address space only.
    private static byte[] Touched(int bytes)
    {
        var block = GC.AllocateUninitializedArray<byte>(bytes);
        Array.Fill(block, (byte)1);
        return block;
    }
}
