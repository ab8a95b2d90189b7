using System.Text.Json.Serialization;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>Source-generated JSON for the GANs' options (snake_case, fixed order).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CtganOptions))]
[JsonSerializable(typeof(WganOptions))]
[JsonSerializable(typeof(WganGpOptions))]
internal sealed partial class GanJsonContext : JsonSerializerContext;
