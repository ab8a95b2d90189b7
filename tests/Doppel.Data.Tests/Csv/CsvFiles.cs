using System.Text;
using Doppel.TestKit;

namespace Doppel.Data.Tests;

/// <summary>Writes small CSV texts to temporary files for reader tests.</summary>
internal sealed class CsvFiles : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();
    private int _count;

    public string Folder => _folder.Path;

    public string Write(string text, string name = "")
    {
        var path = _folder.File(name.Length > 0 ? name : $"t{_count++}.csv");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(byte[] bytes)
    {
        var path = _folder.File($"b{_count++}.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string PathOf(string name) => _folder.File(name);

    public void Dispose() => _folder.Dispose();
}
