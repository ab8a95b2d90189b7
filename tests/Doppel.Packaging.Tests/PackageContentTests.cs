using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Doppel.Packaging.Tests;

[Collection(PackedFeedGroup.Name)]
[Trait("Category", "Slow")]
public sealed class PackageContentTests(PackedFeed feed)
{
    public static TheoryData<string> Libraries => [.. PackedFeed.Libraries];

    [Theory]
    [MemberData(nameof(Libraries))]
    public void LibraryPackage_Nuspec_HasLicenceReadmeAndDescription(string id)
    {
        using var package = Open(id);

        var nuspec = Nuspec(package);

        Assert.Equal("MIT", Element(nuspec, "license")?.Value);
        Assert.Equal("expression", Element(nuspec, "license")?.Attribute("type")?.Value);
        Assert.Equal("README.md", Element(nuspec, "readme")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(Element(nuspec, "description")?.Value));
        Assert.NotNull(package.GetEntry("README.md"));
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void LibraryPackage_Lib_HasAssemblyAndXmlDocs(string id)
    {
        using var package = Open(id);

        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.dll"));
        var docs = package.GetEntry($"lib/net10.0/{id}.xml");
        Assert.NotNull(docs);
        using var reader = new StreamReader(docs.Open());
        Assert.Contains("<member name=", reader.ReadToEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void SymbolPackage_Pdb_EmbedsTheSources(string id)
    {
        using var symbols = ZipFile.OpenRead(Path.Combine(feed.Folder, $"{id}.{feed.Version}.snupkg"));
        var pdbEntry = symbols.GetEntry($"lib/net10.0/{id}.pdb");
        Assert.NotNull(pdbEntry);
        using var pdbBytes = new MemoryStream();
        using (var s = pdbEntry.Open())
        {
            s.CopyTo(pdbBytes);
        }

        pdbBytes.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbBytes);
        var pdb = provider.GetMetadataReader();
        var embedded = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
        var documents = pdb.Documents.Count;
        var withSource = pdb.CustomDebugInformation
            .Select(pdb.GetCustomDebugInformation)
            .Count(c => pdb.GetGuid(c.Kind) == embedded);

        Assert.True(documents > 0);
        Assert.Equal(documents, withSource);
    }

    [Fact]
    public void ApiPackage_Dependencies_AreTheOtherPackagesOfTheSameVersion()
    {
        using var package = Open("Doppel.Api");

        var dependencies = Nuspec(package).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);

        foreach (var id in new[] { "Doppel.Data", "Doppel.Synthesis", "Doppel.Evaluation" })
        {
            Assert.Equal(feed.Version, dependencies[id]);
        }
    }

    [Fact]
    public void ToolPackage_IsADotnetTool()
    {
        using var package = ZipFile.OpenRead(Path.Combine(feed.Folder, $"doppel.{feed.Version}.nupkg"));

        var types = Nuspec(package).Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")?.Value);

        Assert.Contains("DotnetTool", types);
        Assert.Contains(package.Entries, e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
    }

    private static XElement? Element(XDocument nuspec, string name) =>
        nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name);

    private static XDocument Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var s = entry.Open();
        return XDocument.Load(s);
    }

    private ZipArchive Open(string id) => ZipFile.OpenRead(Path.Combine(feed.Folder, $"{id}.{feed.Version}.nupkg"));
}
