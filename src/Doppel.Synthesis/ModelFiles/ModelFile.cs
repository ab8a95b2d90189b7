using System.Collections.Immutable;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// The model file: one zip holding <c>manifest.json</c> and one entry <c>blocks/NAME</c> per block.
/// <para>The manifest records the format name and version, the synthesizer, the library version, the fit seed,
/// the schema, and each block's kind, shape, byte length and SHA-256. Loading checks the zip's directory first
/// (entry count, names, declared sizes) before inflating anything, then the manifest, then every hash, and only
/// then hands the blocks to the synthesizer's reader found by name in the <see cref="SynthesizerRegistry"/>.
/// No type name from the file is ever used.</para>
/// </summary>
internal static class ModelFile
{
    /// <summary>The format version this library writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The format name in every manifest.</summary>
    public const string FormatName = "doppel-model";

    internal const long MaxManifestBytes = 4L << 20;
    internal const long MaxTotalBytes = 8L << 30;
    internal const int MaxEntries = 4096;
    internal const int MaxCompressionRatio = 200;

    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Saves <paramref name="model"/> to <paramref name="path"/> through a temporary file.</summary>
    public static void Save(ISynthesizerModel model, string path) => AtomicFile.Write(path, stream => Save(model, stream));

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/>; the same model gives the same bytes.</summary>
    public static void Save(ISynthesizerModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        var writer = new ModelWriter();
        model.Write(writer);
        var manifest = new Manifest(
            FormatName,
            FormatVersion,
            model.SynthesizerName,
            LibraryVersion,
            model.FitSeed,
            JsonDocument.Parse(TableSchemaJson.Serialize(model.Schema)).RootElement,
            [.. writer.Blocks.Select(b => new ManifestBlock(b.Name, b.Kind, [.. b.Shape], b.Bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(b.Bytes))))]);

        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, ModelFileJsonContext.Default.Manifest), CompressionLevel.Optimal);
        foreach (var block in writer.Blocks)
        {
            Add(zip, "blocks/" + block.Name, block.Bytes, block.Kind == ModelBlockKind.Json ? CompressionLevel.Optimal : CompressionLevel.Fastest);
        }
    }

    /// <summary>Loads the model at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFileException">The file is missing, truncated, foreign, newer, or tampered with.</exception>
    public static ISynthesizerModel Load(string path, SynthesizerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ModelFileException(path, "no such file.");
        }

        using var stream = File.OpenRead(path);
        return Load(stream, path, registry);
    }

    /// <summary>Loads a model from <paramref name="stream"/>; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="ModelFileException">The stream is not a valid model file.</exception>
    public static ISynthesizerModel Load(Stream stream, string file, SynthesizerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var (manifest, blocks) = ReadVerified(stream, file);
        var descriptor = registry.Find(manifest.Synthesizer)
            ?? throw new ModelFileException(file, $"made by synthesizer '{manifest.Synthesizer}', which this version of Doppel does not have.");
        TableSchema schema;
        try
        {
            schema = TableSchemaJson.Deserialize(manifest.Schema.GetRawText(), file);
        }
        catch (DoppelException e)
        {
            throw new ModelFileException(file, $"the manifest's schema is invalid: {e.Message}", e);
        }

        var reader = new ModelReader(file, schema, manifest.Seed, blocks);
        try
        {
            return descriptor.Read(reader);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            throw new ModelFileException(file, $"the {manifest.Synthesizer} model inside is inconsistent: {e.Message}", e);
        }
    }

    /// <summary>The synthesizer name recorded in a model file, after full verification.</summary>
    public static string ReadSynthesizerName(Stream stream, string file) => ReadVerified(stream, file).Manifest.Synthesizer;

    private static string LibraryVersion =>
        typeof(ModelFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static void Add(ZipArchive zip, string name, byte[] bytes, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = EntryTime;
        using var s = entry.Open();
        s.Write(bytes);
    }

    private static (Manifest Manifest, List<ModelBlock> Blocks) ReadVerified(Stream stream, string file)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(file, "not a Doppel model file (not a zip archive, or truncated).", e);
        }

        using (zip)
        {
            CheckDirectory(zip, file);
            var manifestEntry = zip.GetEntry("manifest.json") ?? throw new ModelFileException(file, "not a Doppel model file (no manifest.json).");
            Manifest manifest;
            try
            {
                manifest = JsonSerializer.Deserialize(Inflate(manifestEntry, file), ModelFileJsonContext.Default.Manifest)
                    ?? throw new ModelFileException(file, "the manifest is empty.");
            }
            catch (JsonException e)
            {
                throw new ModelFileException(file, $"not a Doppel model file (manifest.json is not a Doppel manifest: {e.Message}).", e);
            }

            if (manifest.Format != FormatName)
            {
                throw new ModelFileException(file, $"not a Doppel model file (format '{manifest.Format}').");
            }

            if (manifest.FormatVersion > FormatVersion || manifest.FormatVersion < 1)
            {
                throw new ModelFileException(file, $"format version {manifest.FormatVersion} is newer than this Doppel reads ({FormatVersion}); upgrade Doppel.");
            }

            var blocks = new List<ModelBlock>();
            foreach (var b in manifest.Blocks)
            {
                if (!ModelBlock.IsValidName(b.Name))
                {
                    throw new ModelFileException(file, $"the manifest names an invalid block '{b.Name}'.");
                }

                var entry = zip.GetEntry("blocks/" + b.Name) ?? throw new ModelFileException(file, $"block '{b.Name}' is listed but missing; the file is damaged.");
                if (entry.Length != b.Bytes)
                {
                    throw new ModelFileException(file, $"block '{b.Name}' holds {entry.Length} bytes, the manifest says {b.Bytes}; the file was altered.");
                }

                var bytes = Inflate(entry, file);
                if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != b.Sha256)
                {
                    throw new ModelFileException(file, $"block '{b.Name}' does not match its SHA-256; the file was altered or damaged.");
                }

                long count = 1;
                foreach (var d in b.Shape)
                {
                    count *= d >= 0 ? d : throw new ModelFileException(file, $"block '{b.Name}' has a negative dimension.");
                }

                if (b.Kind != ModelBlockKind.Json && count * ModelBlock.ElementSize(b.Kind) != bytes.LongLength)
                {
                    throw new ModelFileException(file, $"block '{b.Name}' has {bytes.LongLength} bytes, which does not fit shape [{string.Join(", ", b.Shape)}].");
                }

                blocks.Add(new ModelBlock(b.Name, b.Kind, [.. b.Shape], bytes));
            }

            return (manifest, blocks);
        }
    }

    private static void CheckDirectory(ZipArchive zip, string file)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            throw new ModelFileException(file, $"the archive has {zip.Entries.Count} entries; a model file has at most {MaxEntries}.");
        }

        long total = 0;
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            var valid = name == "manifest.json" || (name.StartsWith("blocks/", StringComparison.Ordinal) && ModelBlock.IsValidName(name["blocks/".Length..]));
            if (!valid)
            {
                throw new ModelFileException(file, $"unexpected entry '{name}' (entries must be manifest.json or blocks/NAME); refused.");
            }

            if (name == "manifest.json" && entry.Length > MaxManifestBytes)
            {
                throw new ModelFileException(file, $"manifest.json declares {entry.Length} bytes; the limit is {MaxManifestBytes}. Refused.");
            }

            if (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxCompressionRatio && entry.Length > 1 << 20)
            {
                throw new ModelFileException(file, $"entry '{name}' inflates {entry.Length / entry.CompressedLength}-fold; refused as a possible zip bomb.");
            }

            total += entry.Length;
        }

        if (total > MaxTotalBytes)
        {
            throw new ModelFileException(file, $"the archive declares {total} bytes in all; the limit is {MaxTotalBytes}. Refused.");
        }
    }

    /// <summary>Inflates an entry, never past its declared length (a lying header cannot grow memory).</summary>
    private static byte[] Inflate(ZipArchiveEntry entry, string file)
    {
        var buffer = new byte[entry.Length];
        try
        {
            using var s = entry.Open();
            var read = 0;
            while (read < buffer.Length)
            {
                var n = s.Read(buffer, read, buffer.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read != buffer.Length || s.ReadByte() != -1)
            {
                throw new ModelFileException(file, $"entry '{entry.FullName}' is not the size its header declares; the file is damaged.");
            }
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(file, $"entry '{entry.FullName}' is corrupt or truncated.", e);
        }

        return buffer;
    }

    internal sealed record Manifest(
        string Format,
        int FormatVersion,
        string Synthesizer,
        string LibraryVersion,
        ulong Seed,
        JsonElement Schema,
        ImmutableArray<ManifestBlock> Blocks);

    internal sealed record ManifestBlock(string Name, ModelBlockKind Kind, ImmutableArray<int> Shape, long Bytes, string Sha256);
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ModelFile.Manifest))]
internal sealed partial class ModelFileJsonContext : JsonSerializerContext;
