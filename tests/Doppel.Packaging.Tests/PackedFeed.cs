using System.Globalization;
using System.Reflection;
using Doppel.TestKit;

namespace Doppel.Packaging.Tests;

/// <summary>
/// Packs every packable project once (from the build the tests run against, with <c>--no-build</c>) into a temporary
/// folder under a version unique to this run, so no package cache can hand back an older build. On dispose the
/// folder and the unpacked copies in the global packages folder are removed.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    private static readonly string[] LibraryIds = ["Doppel.Data", "Doppel.Neural", "Doppel.Synthesis", "Doppel.Evaluation", "Doppel.Api", "Doppel.Interop"];

    private readonly TempFolder _folder = TestData.TempFolder();

    public PackedFeed()
    {
        Version = "0.1.0-test." + DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Folder = Path.Combine(_folder.Path, "feed");
        var configuration = typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        Dotnet.Run(TestData.RepositoryRoot, 300,
                "pack", "Doppel.slnx", "-c", configuration, "--no-build", "--disable-build-servers", "-nologo", "-v", "q",
                "-o", Folder, "-p:Version=" + Version)
            .EnsureSuccess("dotnet pack");
    }

    /// <summary>The package version of this run.</summary>
    public string Version { get; }

    /// <summary>The folder holding the .nupkg and .snupkg files.</summary>
    public string Folder { get; }

    /// <summary>A scratch folder that lives as long as the feed.</summary>
    public string Scratch(string name)
    {
        var path = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public static IReadOnlyList<string> Libraries => LibraryIds;

    public void Dispose()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in LibraryIds)
        {
            var folder = Path.Combine(packages, id.ToLowerInvariant());
            var unpacked = Path.Combine(folder, Version);
            if (Directory.Exists(unpacked))
            {
                Directory.Delete(unpacked, recursive: true);
            }

            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }

        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PackedFeedGroup : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
