namespace Doppel.Samples;

/// <summary>Finds the repository's bundled data folder from the working folder or the program's folder, upwards.</summary>
internal static class SampleData
{
    public static string File(string name)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "data", name);
                if (System.IO.File.Exists(path))
                {
                    return path;
                }
            }
        }

        throw new FileNotFoundException($"data/{name} not found above {Directory.GetCurrentDirectory()}; run the sample from the repository.");
    }
}
