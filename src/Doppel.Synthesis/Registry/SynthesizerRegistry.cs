using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Doppel.Synthesis;

/// <summary>One registered synthesizer.</summary>
/// <param name="Name">The CLI name (kebab-case).</param>
/// <param name="Summary">One line on what it is for, shown by <c>doppel models</c>.</param>
/// <param name="Create">Builds the synthesizer from user option overrides (a JSON object of its options record, or null for defaults).</param>
/// <param name="Read">Rebuilds a fitted model from a verified model file.</param>
internal sealed record SynthesizerDescriptor(
    string Name,
    string Summary,
    Func<JsonObject?, ISynthesizer> Create,
    Func<ModelReader, ISynthesizerModel> Read);

/// <summary>The explicit list of synthesizers, by CLI name. No reflection scanning.</summary>
internal sealed class SynthesizerRegistry
{
    /// <summary>Creates a registry from <paramref name="descriptors"/>; names must be unique.</summary>
    public SynthesizerRegistry(IEnumerable<SynthesizerDescriptor> descriptors)
    {
        Descriptors = [.. descriptors];
        var duplicate = Descriptors.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"synthesizer '{duplicate.Key}' registered twice", nameof(descriptors));
        }
    }

    /// <summary>Every registered synthesizer, in registration order.</summary>
    public ImmutableArray<SynthesizerDescriptor> Descriptors { get; }

    /// <summary>The descriptor called <paramref name="name"/>, or null.</summary>
    public SynthesizerDescriptor? Find(string name) => Descriptors.FirstOrDefault(d => d.Name == name);

    /// <summary>The descriptor called <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOptionsException">No such synthesizer; the message lists the known ones.</exception>
    public SynthesizerDescriptor Get(string name) =>
        Find(name) ?? throw new InvalidOptionsException("synthesizer", [$"'{name}' is not a synthesizer; choose one of {string.Join(", ", Descriptors.Select(d => d.Name))}"]);
}
