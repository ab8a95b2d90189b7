using Doppel.Data;
using ScottPlot;
using DataTable = Doppel.Data.Table;

namespace Doppel.Cli.Commands;

/// <summary>
/// Draws 8×8 digit images (the 64 pixel columns of <c>digits.csv</c>, ink 0 to 16, row by row) as a PNG grid:
/// one image per row of a table, <see cref="Columns"/> images per grid row, dark ink on white, grey gutters.
/// </summary>
internal static class DigitGrid
{
    /// <summary>Images per grid row.</summary>
    public const int Columns = 10;

    /// <summary>Side of one digit image, in image pixels (8 cells of this size / 8).</summary>
    public const int CellPixels = 48;

    /// <summary>The gutter between images, in digit cells.</summary>
    private const int Gutter = 1;

    /// <summary>The pixel columns of a digits-shaped table: <c>pixel_0</c> .. <c>pixel_63</c>, or null when one is missing.</summary>
    public static string[]? PixelColumns(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var names = Enumerable.Range(0, 64).Select(i => $"pixel_{i}").ToArray();
        return names.All(n => schema.TryIndexOf(n) >= 0 && schema[n].Kind is ColumnKind.Integer or ColumnKind.Continuous) ? names : null;
    }

    /// <summary>The width and height in image pixels of a grid of <paramref name="images"/> digits.</summary>
    public static (int Width, int Height) Size(int images)
    {
        var rows = (images + Columns - 1) / Columns;
        return (Side(Columns), Side(rows));
    }

    /// <summary>The PNG bytes of the grid of every row of <paramref name="samples"/>, in row order.</summary>
    public static byte[] Png(DataTable samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var pixels = PixelColumns(samples.Schema) ?? throw new SchemaException("pixel_0", "a digit grid needs integer columns pixel_0 .. pixel_63.");
        var values = pixels.Select(n => NumericValues.ToArray(samples[n])).ToArray();
        var images = samples.RowCount;
        var gridRows = Math.Max(1, (images + Columns - 1) / Columns);
        var cells = new double[(gridRows * (8 + Gutter)) + Gutter, (Columns * (8 + Gutter)) + Gutter];
        for (var y = 0; y < cells.GetLength(0); y++)
        {
            for (var x = 0; x < cells.GetLength(1); x++)
            {
                cells[y, x] = double.NaN;
            }
        }

        for (var i = 0; i < images; i++)
        {
            var top = Gutter + ((i / Columns) * (8 + Gutter));
            var left = Gutter + ((i % Columns) * (8 + Gutter));
            for (var p = 0; p < 64; p++)
            {
                var ink = values[p][i];
                cells[top + (p / 8), left + (p % 8)] = double.IsNaN(ink) ? 0 : 16 - Math.Clamp(ink, 0, 16);
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        heatmap.ManualRange = new ScottPlot.Range(0, 16);
        heatmap.NaNCellColor = Colors.LightGray;
        plot.Layout.Frameless();
        plot.Axes.Margins(0, 0);
        var (width, height) = Size(images);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static int Side(int images) => ((images * (8 + Gutter)) + Gutter) * CellPixels / 8;
}
