using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrderLeakLab.Deploy.Tests.Infrastructure;

/// <summary>
/// YAML to JSON the way docker compose and kubectl read it: plain scalars typed by the YAML 1.2 core schema
/// (so <c>retries: 3</c> is a number and <c>"8080"</c> a string), aliases followed, merge keys (<c>&lt;&lt;</c>) applied.
/// </summary>
internal static partial class YamlJson
{
    /// <summary>Every document of a YAML file, as JSON.</summary>
    public static IReadOnlyList<JsonNode?> ReadDocuments(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => Convert(d.RootNode)).ToList();
    }

    /// <summary>The single document of a YAML file, as a JSON object.</summary>
    public static JsonObject ReadObject(string path) =>
        ReadDocuments(path).Single() as JsonObject ?? throw new InvalidDataException($"{path} is not a YAML mapping.");

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (name == "<<")
            {
                continue;
            }

            result[name] = Convert(value);
        }

        // Merge keys: explicit keys win, then earlier merged mappings over later ones.
        var merges = map.Children.Where(kv => ((YamlScalarNode)kv.Key).Value == "<<").Select(kv => kv.Value);
        foreach (var merge in merges)
        {
            var sources = merge is YamlSequenceNode many ? many.Children : [merge];
            foreach (var source in sources.Cast<YamlMappingNode>())
            {
                foreach (var (name, value) in ConvertMapping(source))
                {
                    if (!result.ContainsKey(name))
                    {
                        result[name] = value?.DeepClone();
                    }
                }
            }
        }

        return result;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        // docker-compose.yml's `${VAR:-default}` as compose reads it where VAR is unset (a laptop): the default.
        var text = ComposeDefault().Replace(scalar.Value ?? "", m => m.Groups[1].Value);
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !text.Contains('_') => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\$\{\w+:-([^}]*)\}")]
    private static partial System.Text.RegularExpressions.Regex ComposeDefault();
}
