using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// Reads, validates and writes specification files:
/// <c>{"name": ..., "marginals": [{"name": "x1", "family": "normal", "params": {"mean": 4, "sd": 3}}, ...],
/// "target_corr": [[1, 0.5], [0.5, 1]], "correlation": "pearson"}</c>. Unknown top-level keys (notes, sources) and
/// unknown keys of a marginal other than <c>params</c> are ignored; every problem in the fields that matter is
/// reported at once, each naming its field, e.g. <c>marginals[1] ('x2').params.sd</c>.
/// </summary>
internal static class SpecJson
{
    private const double Tolerance = 1e-8;

    /// <summary>Reads and validates the specification file at <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is not valid JSON.</exception>
    /// <exception cref="InvalidOptionsException">A field is missing or invalid; lists every problem.</exception>
    public static GenerationSpec Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates a specification from JSON text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="DataFormatException">The text is not valid JSON.</exception>
    /// <exception cref="InvalidOptionsException">A field is missing or invalid; lists every problem.</exception>
    public static GenerationSpec Parse(string json, string source = "specification")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new DataFormatException(source, e.LineNumber + 1, null, $"not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var problems = new List<string>();
            var spec = Read(document.RootElement, problems);
            if (spec is not null)
            {
                var shapeKnown = spec.Target.Length == spec.Dimension * spec.Dimension;
                var before = problems.Count;
                _ = ValidateInto(spec, problems);
                if (!shapeKnown && problems.Count > before)
                {
                    // The shape problem was already reported by the reader in more detail.
                    problems.RemoveAll(p => p.StartsWith("target_corr: ", StringComparison.Ordinal) && p.Contains("entries for", StringComparison.Ordinal));
                }
            }

            if (problems.Count > 0 || spec is null)
            {
                throw new InvalidOptionsException($"specification {source}", problems);
            }

            return spec;
        }
    }

    /// <summary>Checks a specification and builds its marginals.</summary>
    /// <exception cref="InvalidOptionsException">Lists every invalid field: families, parameters, matrix shape, symmetry, range, diagonal.</exception>
    public static ImmutableArray<Marginal> Validate(GenerationSpec spec, string source = "specification")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<string>();
        var marginals = ValidateInto(spec, problems);
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException($"specification {source}", problems);
        }

        return marginals;
    }

    private static ImmutableArray<Marginal> ValidateInto(GenerationSpec spec, List<string> problems)
    {
        var marginals = ImmutableArray.CreateBuilder<Marginal>(spec.Dimension);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Dimension; i++)
        {
            var m = spec.Marginals[i];
            var field = $"marginals[{i}] ('{m.Name}')";
            if (m.Name.Length == 0)
            {
                problems.Add($"marginals[{i}].name: must not be empty");
            }
            else if (!names.Add(m.Name))
            {
                problems.Add($"{field}.name: '{m.Name}' is used by an earlier marginal; names must be distinct");
            }

            var marginal = MarginalFactory.Create(m, field, problems);
            if (marginal is not null)
            {
                if (spec.Correlation == CorrelationType.Pearson && m.Family == "student_t" && m.Parameters["df"] <= 2)
                {
                    problems.Add($"{field}.params.df: a Student t with df <= 2 has no finite variance, so its Pearson correlation is undefined; use \"correlation\": \"spearman\" or df > 2");
                }

                marginals.Add(marginal);
            }
        }

        CheckMatrix(spec, problems);
        return marginals.ToImmutable();
    }

    /// <summary>Writes <paramref name="spec"/> as indented JSON in a fixed key order.</summary>
    public static void Write(GenerationSpec spec, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("name", spec.Name);
        w.WriteStartArray("marginals");
        foreach (var m in spec.Marginals)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteString("family", m.Family);
            w.WriteStartObject("params");
            foreach (var (key, value) in m.Parameters)
            {
                w.WriteNumber(key, value);
            }

            WriteList(w, "labels", m.Labels, (writer, s) => writer.WriteStringValue(s));
            WriteList(w, "values", m.Values, (writer, v) => writer.WriteNumberValue(v));
            WriteList(w, "quantiles", m.Quantiles, (writer, v) => writer.WriteNumberValue(v));
            WriteList(w, "probabilities", m.Probabilities, (writer, v) => writer.WriteNumberValue(v));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("target_corr");
        for (var i = 0; i < spec.Dimension; i++)
        {
            w.WriteStartArray();
            for (var j = 0; j < spec.Dimension; j++)
            {
                w.WriteNumberValue(spec.TargetAt(i, j));
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteString("correlation", spec.Correlation.ToString().ToLowerInvariant());
        w.WriteEndObject();
    }

    private static void WriteList<T>(Utf8JsonWriter w, string name, ImmutableArray<T> list, Action<Utf8JsonWriter, T> write)
    {
        if (list.IsDefaultOrEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var item in list)
        {
            write(w, item);
        }

        w.WriteEndArray();
    }

    private static void CheckMatrix(GenerationSpec spec, List<string> problems)
    {
        var n = spec.Dimension;
        if (spec.Target.Length != n * n)
        {
            problems.Add($"target_corr: {spec.Target.Length} entries for {n} marginals; the matrix must be {n} x {n}, one row and column per marginal");
            return;
        }

        for (var i = 0; i < n; i++)
        {
            if (Math.Abs(spec.TargetAt(i, i) - 1) > Tolerance)
            {
                problems.Add(Invariant($"target_corr[{i}][{i}]: diagonal entries must be 1, got {spec.TargetAt(i, i):G6}"));
            }

            for (var j = 0; j < n; j++)
            {
                var v = spec.TargetAt(i, j);
                if (i != j && !(v >= -1 && v <= 1))
                {
                    problems.Add(Invariant($"target_corr[{i}][{j}]: {v:G6} lies outside [-1, 1]"));
                }

                if (j > i && Math.Abs(v - spec.TargetAt(j, i)) > Tolerance)
                {
                    problems.Add(Invariant($"target_corr[{i}][{j}] = {v:G6} but target_corr[{j}][{i}] = {spec.TargetAt(j, i):G6}: the matrix must be symmetric"));
                }
            }
        }
    }

    private static GenerationSpec? Read(JsonElement root, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add("the document must be a JSON object with 'marginals' and 'target_corr'");
            return null;
        }

        var name = root.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString()! : "";
        var marginals = ReadMarginals(root, problems);
        var type = CorrelationType.Pearson;
        if (root.TryGetProperty("correlation", out var typeElement))
        {
            var text = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
            switch (text)
            {
                case "pearson": type = CorrelationType.Pearson; break;
                case "spearman": type = CorrelationType.Spearman; break;
                case "kendall": type = CorrelationType.Kendall; break;
                default: problems.Add($"correlation: expected \"pearson\", \"spearman\" or \"kendall\", got {typeElement.GetRawText()}"); break;
            }
        }

        var target = ReadMatrix(root, marginals.Length, problems);
        return new GenerationSpec(name, marginals, target, type);
    }

    private static ImmutableArray<MarginalSpec> ReadMarginals(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("marginals", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            problems.Add("marginals: missing or empty; give a list of {\"name\", \"family\", \"params\"} objects");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<MarginalSpec>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var field = $"marginals[{index}]";
            index++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{field}: must be an object with \"name\", \"family\" and \"params\"");
                continue;
            }

            var name = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()!
                : string.Create(CultureInfo.InvariantCulture, $"x{index}");
            field = $"{field} ('{name}')";
            var family = item.TryGetProperty("family", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : null;
            if (family is null)
            {
                problems.Add($"{field}.family: missing; expected one of {string.Join(", ", MarginalFactory.Families)}");
                family = "";
            }

            result.Add(ReadParameters(item, name, family, field, problems));
        }

        return result.ToImmutable();
    }

    private static MarginalSpec ReadParameters(JsonElement item, string name, string family, string field, List<string> problems)
    {
        var numbers = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var spec = new MarginalSpec(name, family, ImmutableSortedDictionary<string, double>.Empty);
        if (!item.TryGetProperty("params", out var parameters))
        {
            return spec;
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{field}.params: must be an object of named parameters");
            return spec;
        }

        foreach (var p in parameters.EnumerateObject())
        {
            var key = $"{field}.params.{p.Name}";
            switch (p.Name)
            {
                case "labels" when p.Value.ValueKind == JsonValueKind.Array:
                    spec = spec with { Labels = [.. p.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())] };
                    break;
                case "probabilities" or "values" or "quantiles" when p.Value.ValueKind == JsonValueKind.Array:
                    var list = NumberList(p.Value, key, problems);
                    spec = p.Name switch
                    {
                        "probabilities" => spec with { Probabilities = list },
                        "values" => spec with { Values = list },
                        _ => spec with { Quantiles = list },
                    };
                    break;
                default:
                    if (p.Value.ValueKind == JsonValueKind.Number)
                    {
                        numbers[p.Name] = p.Value.GetDouble();
                    }
                    else
                    {
                        problems.Add($"{key}: must be a number, got {Quote(p.Value)}");
                    }

                    break;
            }
        }

        return spec with { Parameters = numbers.ToImmutable() };
    }

    private static ImmutableArray<double> NumberList(JsonElement array, string field, List<string> problems)
    {
        var result = ImmutableArray.CreateBuilder<double>();
        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number)
            {
                problems.Add($"{field}: every entry must be a number, got {Quote(e)}");
                return [];
            }

            result.Add(e.GetDouble());
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<double> ReadMatrix(JsonElement root, int n, List<string> problems)
    {
        if (!root.TryGetProperty("target_corr", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            problems.Add("target_corr: missing; give the target correlation matrix as a list of rows");
            return [];
        }

        if (rows.GetArrayLength() != n)
        {
            problems.Add($"target_corr: {rows.GetArrayLength()} rows but {n} marginals; the matrix must be {n} x {n}, one row and column per marginal");
            return [];
        }

        var values = new double[n * n];
        var i = 0;
        var ok = true;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != n)
            {
                var length = row.ValueKind == JsonValueKind.Array ? row.GetArrayLength() : 0;
                problems.Add($"target_corr[{i}]: {length} entries; the matrix must be square ({n} x {n})");
                ok = false;
                i++;
                continue;
            }

            var j = 0;
            foreach (var e in row.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"target_corr[{i}][{j}]: must be a number, got {Quote(e)}");
                    ok = false;
                }
                else
                {
                    values[(i * n) + j] = e.GetDouble();
                }

                j++;
            }

            i++;
        }

        return ok ? [.. values] : [];
    }

    private static string Quote(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length > 40 ? text[..40] + "..." : text;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
