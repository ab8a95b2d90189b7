using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Doppel.Synthesis.Mixtures;

/// <summary>The state the mixture models keep in their JSON block.</summary>
internal sealed record MixtureState(
    ColumnEncoding[] Columns,
    SelectionPoint[] Curve,
    int Chosen,
    int Components,
    CovarianceType Covariance);

/// <summary>Reads user option overrides (a JSON object of an options record) for the classical synthesizers.</summary>
internal static class ClassicalOptionsJson
{
    /// <remarks>
    /// The overrides are laid over the serialised defaults before reading, because source-generated readers set
    /// every init-only property, resetting the ones the user left out to zero.
    /// </remarks>
    public static T Read<T>(JsonObject? json, JsonTypeInfo<T> typeInfo, string what)
        where T : new()
    {
        if (json is null)
        {
            return new T();
        }

        try
        {
            var merged = JsonSerializer.SerializeToNode(new T(), typeInfo)!.AsObject();
            Merge(merged, json);
            return merged.Deserialize(typeInfo) ?? new T();
        }
        catch (JsonException e)
        {
            throw new InvalidOptionsException(what, [e.Message]);
        }
    }

    /// <summary>Lays <paramref name="overrides"/> over <paramref name="target"/>, object by object (nested options keep their defaults).</summary>
    private static void Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (value is JsonObject inner && target[key] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}

/// <summary>Source-generated JSON for the classical synthesizers' options and model state (snake_case, fixed order).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(GmmOptions))]
[JsonSerializable(typeof(MixtureState))]
[JsonSerializable(typeof(KernelDensity.KdeOptions))]
[JsonSerializable(typeof(KernelDensity.RowsState))]
[JsonSerializable(typeof(Smote.SmoteOptions))]
[JsonSerializable(typeof(PcaMixture.PcaGmmOptions))]
[JsonSerializable(typeof(PcaMixture.PcaGmmState))]
[JsonSerializable(typeof(long[][]))]
internal sealed partial class ClassicalJsonContext : JsonSerializerContext;
