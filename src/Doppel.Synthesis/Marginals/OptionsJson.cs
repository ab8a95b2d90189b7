using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Doppel.Synthesis;

/// <summary>Reads a synthesizer's options record from user overrides (a JSON object in the record's snake_case names).</summary>
internal static class OptionsJson
{
    /// <summary>The options with <paramref name="overrides"/> applied over the defaults (the caller validates).</summary>
    /// <exception cref="InvalidOptionsException">Unknown fields, or values of the wrong type; every problem is listed.</exception>
    public static T Parse<T>(JsonObject? overrides, string synthesizer, JsonTypeInfo<T> typeInfo)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (overrides is null)
        {
            return new T();
        }

        var known = typeInfo.Properties.Select(p => p.Name).ToArray();
        var problems = overrides
            .Where(p => !known.Contains(p.Key, StringComparer.Ordinal))
            .Select(p => $"'{p.Key}' is not an option of {synthesizer} (it has {string.Join(", ", known)})")
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException($"{synthesizer} options", problems);
        }

        // Overlay the overrides on the serialised defaults: the record's defaults stay the single source of truth.
        var merged = JsonSerializer.SerializeToNode(new T(), typeInfo)!.AsObject();
        foreach (var (name, value) in overrides)
        {
            merged[name] = value?.DeepClone();
        }

        try
        {
            return merged.Deserialize(typeInfo) ?? new T();
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..] : "options";
            throw new InvalidOptionsException($"{synthesizer} options", [$"{field}: the value has the wrong type"]);
        }
    }
}
