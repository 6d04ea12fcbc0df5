using System.Text.Json.Serialization;

namespace OrderLeakLab.LeakTestApp;

/// <summary>Source-generated JSON for the counts (the slim builder has no reflection-based serializer by default).</summary>
[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class CountsJson : JsonSerializerContext;
