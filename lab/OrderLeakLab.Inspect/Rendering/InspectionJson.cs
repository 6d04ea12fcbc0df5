using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderLeakLab.Inspect.Rendering;

/// <summary>The JSON shape of <c>leaklab inspect --json</c>: camelCase, durations in milliseconds.</summary>
public static class InspectionJson
{
    /// <summary>Serializer options shared by reports and diffs.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new MillisecondsConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Serializes any inspection result (a report or a diff).</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private sealed class MillisecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromMilliseconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value.TotalMilliseconds, 1));
    }
}
