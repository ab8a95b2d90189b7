using System.IO.Compression;
using System.Text;

namespace Doppel.Synthesis.Tests.ModelFiles;

/// <summary>Hostile archives are refused from the zip directory alone, before any entry is inflated.</summary>
public sealed class ModelFileArchiveTests
{
    [Fact]
    public void Load_PathTraversalEntry_Refused()
    {
        var bytes = Archive(zip =>
        {
            Add(zip, "manifest.json", "{}");
            Add(zip, "../../evil.sh", "echo owned");
        });

        var error = Assert.Throws<ModelFileException>(() => Load(bytes));

        Assert.Contains("../../evil.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OversizedManifest_RefusedBeforeParsing()
    {
        var bytes = Archive(zip => Add(zip, "manifest.json", new string(' ', (int)ModelFile.MaxManifestBytes + 1)));

        var error = Assert.Throws<ModelFileException>(() => Load(bytes));

        Assert.Contains("manifest.json declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ZipBomb_RefusedBeforeInflating()
    {
        // 64 MiB of zeros deflates about 1000-fold: far above the 200-fold limit.
        var bytes = Archive(zip =>
        {
            Add(zip, "manifest.json", "{}");
            var entry = zip.CreateEntry("blocks/weights", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                stream.Write(zeros);
            }
        });
        Assert.True(bytes.Length < 1 << 20, "the test archive itself must be small");

        var error = Assert.Throws<ModelFileException>(() => Load(bytes));

        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooManyEntries_Refused()
    {
        var bytes = Archive(zip =>
        {
            for (var i = 0; i <= ModelFile.MaxEntries; i++)
            {
                Add(zip, $"blocks/b{i}", "x");
            }
        });

        var error = Assert.Throws<ModelFileException>(() => Load(bytes));

        Assert.Contains("entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAZip_Refused()
    {
        var error = Assert.Throws<ModelFileException>(() => Load(Encoding.UTF8.GetBytes("age,income\n39,<=50K\n")));

        Assert.Contains("not a Doppel model file", error.Message, StringComparison.Ordinal);
    }

    private static ISynthesizerModel Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return ModelFile.Load(stream, "hostile.model", BuiltInSynthesizers.Registry);
    }

    private static byte[] Archive(Action<ZipArchive> fill)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            fill(zip);
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
