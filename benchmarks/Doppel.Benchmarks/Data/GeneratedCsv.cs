using System.Globalization;
using System.Text;
using Doppel.Data;

namespace Doppel.Benchmarks.Data;

/// <summary>Writes a seeded mixed table as CSV: 6 integer, 5 real and 4 categorical columns.</summary>
internal static class GeneratedCsv
{
    private static readonly string[] Colours = [" red", " green", " blue", " amber", " violet"];
    private static readonly string[] Towns = ["Aberdeen", "Bergen", "Cork", "Dijon", "Essen", "Faro", "Graz", "Hull", "Ibiza", "Jena", "Kiel", "Lyon"];

    /// <summary>Writes <paramref name="rows"/> rows to <paramref name="path"/> and returns the file size in bytes.</summary>
    public static long Write(string path, int rows, ulong seed)
    {
        var rng = new Rng(seed);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" })
        {
            writer.Write("age,count,year,score_int,visits,amount_int,price,ratio,lat,lon,weight,colour,town,grade,flag\n");
            var line = new StringBuilder(160);
            for (var r = 0; r < rows; r++)
            {
                line.Clear();
                var c = CultureInfo.InvariantCulture;
                line.Append(c, $"{18 + rng.Next(70)},{rng.Next(1000)},{1950 + rng.Next(70)},{rng.Next(-500, 500)},{rng.Next(20)},{rng.Next(1_000_000)},");
                line.Append(c, $"{Math.Round(rng.NextDouble() * 1000, 2)},{rng.NextDouble()},{Math.Round(-90 + (180 * rng.NextDouble()), 5)},{Math.Round(-180 + (360 * rng.NextDouble()), 5)},{Math.Round(40 + (60 * rng.NextDouble()), 1)},");
                line.Append(Colours[rng.Next(Colours.Length)]).Append(',').Append(Towns[rng.Next(Towns.Length)]).Append(',')
                    .Append((char)('A' + rng.Next(5))).Append(',').Append(rng.Next(2) == 0 ? "yes" : "no").Append('\n');
                writer.Write(line);
            }
        }

        return new FileInfo(path).Length;
    }
}
