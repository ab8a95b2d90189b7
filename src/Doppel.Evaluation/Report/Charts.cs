using System.Collections.Immutable;
using Doppel.Evaluation.Fidelity;
using ScottPlot;

namespace Doppel.Evaluation.Report;

/// <summary>Draws each chart of the report with ScottPlot and returns it as inline SVG markup.</summary>
internal static class Charts
{
    public static readonly Color RealColor = Color.FromHex("#1f77b4");
    public static readonly Color SyntheticColor = Color.FromHex("#ff7f0e");
    private const int Width = 460;
    private const int Height = 300;
    private const int Bins = 30;

    /// <summary>Histogram of a numeric column: shares of rows in 30 equal bins over the real range, real against synthetic.</summary>
    public static string Histogram(string name, double[] real, double[] synthetic)
    {
        var plot = NewPlot(name, "value", "share of rows");
        var lo = real.Length > 0 ? real[0] : synthetic[0];
        var hi = real.Length > 0 ? real[^1] : synthetic[^1];
        if (synthetic.Length > 0)
        {
            lo = Math.Min(lo, synthetic[0]);
            hi = Math.Max(hi, synthetic[^1]);
        }

        var width = hi > lo ? (hi - lo) / Bins : 1;
        var centres = Enumerable.Range(0, Bins).Select(b => lo + ((b + 0.5) * width)).ToArray();
        AddBars(plot, [.. centres.Select(c => c - (width * 0.2))], Shares(real, lo, width), width * 0.4, RealColor, "real");
        AddBars(plot, [.. centres.Select(c => c + (width * 0.2))], Shares(synthetic, lo, width), width * 0.4, SyntheticColor, "synthetic");
        plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot);
    }

    /// <summary>Bar chart of a discrete column: category shares, the most frequent real categories first.</summary>
    public static string Categories(string name, ImmutableArray<string> labels, long[] real, long[] synthetic, int max)
    {
        var plot = NewPlot(name, "", "share of rows");
        plot.Axes.Bottom.Label.Text = "";
        double realTotal = Math.Max(1, real.Sum()), synTotal = Math.Max(1, synthetic.Sum());
        var order = Enumerable.Range(0, labels.Length).OrderByDescending(k => real[k]).ThenByDescending(k => synthetic[k]).Take(max).ToArray();
        var positions = Enumerable.Range(0, order.Length).Select(i => (double)i).ToArray();
        AddBars(plot, [.. positions.Select(p => p - 0.2)], [.. order.Select(k => real[k] / realTotal)], 0.4, RealColor, "real");
        AddBars(plot, [.. positions.Select(p => p + 0.2)], [.. order.Select(k => synthetic[k] / synTotal)], 0.4, SyntheticColor, "synthetic");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. order.Select(k => Shorten(labels[k].Trim()))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetSvgXml(Width, Height + 80);
    }

    /// <summary>Cumulative share of rows: the empirical CDF of a numeric column, real against synthetic.</summary>
    public static string Cumulative(string name, double[] real, double[] synthetic)
    {
        var plot = NewPlot(name, "value", "cumulative share");
        AddCdf(plot, real, RealColor, "real");
        AddCdf(plot, synthetic, SyntheticColor, "synthetic");
        plot.ShowLegend(Alignment.LowerRight);
        return Svg(plot);
    }

    /// <summary>Cumulative share over the categories (in real frequency order) of a discrete column.</summary>
    public static string CumulativeCategories(string name, long[] real, long[] synthetic)
    {
        var plot = NewPlot(name, "categories, most frequent first", "cumulative share");
        var order = Enumerable.Range(0, real.Length).OrderByDescending(k => real[k]).ToArray();
        foreach (var (counts, color, label) in new[] { (real, RealColor, "real"), (synthetic, SyntheticColor, "synthetic") })
        {
            double total = Math.Max(1, counts.Sum()), running = 0;
            var ys = order.Select(k => (running += counts[k]) / total).ToArray();
            var line = plot.Add.ScatterLine(Enumerable.Range(1, ys.Length).Select(i => (double)i).ToArray(), ys, color);
            line.LegendText = label;
            line.LineWidth = 2;
        }

        plot.ShowLegend(Alignment.LowerRight);
        return Svg(plot);
    }

    /// <summary>Heatmap of an association matrix; null entries are shown grey.</summary>
    public static string Heatmap(string title, ImmutableArray<string> columns, ImmutableArray<ImmutableArray<double?>> matrix, bool difference)
    {
        var plot = new Plot();
        plot.Title(title, 14);
        var k = columns.Length;
        var cells = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                cells[i, j] = matrix[i][j] ?? double.NaN;
            }
        }

        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = difference ? new ScottPlot.Colormaps.MellowRainbow() : new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        heatmap.NaNCellColor = Colors.LightGray;
        heatmap.Update();
        plot.Add.ColorBar(heatmap);
        var positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        var names = columns.Select(Shorten).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 120;

        // Row 0 of the intensities is drawn at the top, so the left labels run downwards.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. names.Reverse()]);
        return plot.GetSvgXml(560, 600);
    }

    /// <summary>Scatter of real and synthetic rows on the real data's first two principal components.</summary>
    public static string Scatter((double[] X, double[] Y) real, (double[] X, double[] Y) synthetic)
    {
        var plot = NewPlot("Rows on the first two principal components", "component 1", "component 2");
        foreach (var (points, color, label) in new[] { (real, RealColor, "real"), (synthetic, SyntheticColor, "synthetic") })
        {
            var markers = plot.Add.Markers(points.X, points.Y, MarkerShape.FilledCircle, 3, color.WithAlpha(0.5));
            markers.LegendText = label;
        }

        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetSvgXml(640, 480);
    }

    /// <summary>log₁₀ |mean| against log₁₀ standard deviation of each numeric column, real and synthetic joined by a line.</summary>
    public static string MeanStd(IReadOnlyList<ColumnReport> columns)
    {
        var plot = NewPlot("Mean and spread of the numeric columns", "log10 |mean|", "log10 standard deviation");
        var first = true;
        foreach (var c in columns)
        {
            if (c.Real.Mean is not { } rm || c.Real.Std is not { } rs || c.Synthetic.Mean is not { } sm || c.Synthetic.Std is not { } ss)
            {
                continue;
            }

            double Log(double v) => Math.Log10(Math.Abs(v) + 1e-5);
            plot.Add.Line(Log(rm), Log(rs), Log(sm), Log(ss)).Color = Colors.Gray.WithAlpha(0.6);
            var r = plot.Add.Marker(Log(rm), Log(rs), MarkerShape.FilledCircle, 8, RealColor);
            var s = plot.Add.Marker(Log(sm), Log(ss), MarkerShape.FilledSquare, 8, SyntheticColor);
            if (first)
            {
                r.LegendText = "real";
                s.LegendText = "synthetic";
                first = false;
            }

            var text = plot.Add.Text(Shorten(c.Name), Log(rm), Log(rs));
            text.LabelFontSize = 11;
            text.LabelOffsetX = 6;
        }

        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetSvgXml(640, 420);
    }

    /// <summary>Training-loss curves, one line per loss.</summary>
    public static string Losses(IReadOnlyDictionary<string, ImmutableArray<double>> curves)
    {
        var plot = NewPlot("Training losses", "step", "loss");
        foreach (var (name, values) in curves.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var finite = values.Select((v, i) => (X: (double)i + 1, Y: v)).Where(p => double.IsFinite(p.Y)).ToArray();
            if (finite.Length == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(finite.Select(p => p.X).ToArray(), finite.Select(p => p.Y).ToArray());
            line.LegendText = name;
            line.LineWidth = 2;
        }

        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetSvgXml(640, 360);
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title, 14);
        plot.XLabel(x, 12);
        plot.YLabel(y, 12);
        return plot;
    }

    private static string Svg(Plot plot) => plot.GetSvgXml(Width, Height);

    private static void AddBars(Plot plot, double[] positions, double[] values, double size, Color color, string label)
    {
        var bars = plot.Add.Bars(positions, values);
        bars.Color = color;
        bars.LegendText = label;
        foreach (var bar in bars.Bars)
        {
            bar.Size = size;
            bar.LineWidth = 0;
        }
    }

    private static double[] Shares(double[] sorted, double lo, double width)
    {
        var shares = new double[Bins];
        foreach (var v in sorted)
        {
            shares[Math.Clamp((int)((v - lo) / width), 0, Bins - 1)]++;
        }

        for (var b = 0; b < Bins && sorted.Length > 0; b++)
        {
            shares[b] /= sorted.Length;
        }

        return shares;
    }

    private static void AddCdf(Plot plot, double[] sorted, Color color, string label)
    {
        if (sorted.Length == 0)
        {
            return;
        }

        // At most 400 points: the CDF at evenly spaced ranks is visually exact and keeps the SVG small.
        var points = Math.Min(sorted.Length, 400);
        var xs = new double[points];
        var ys = new double[points];
        for (var i = 0; i < points; i++)
        {
            var rank = (int)Math.Round((i + 1) * (sorted.Length - 1) / (double)points);
            xs[i] = sorted[rank];
            ys[i] = (rank + 1) / (double)sorted.Length;
        }

        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.ConnectStyle = ConnectStyle.StepHorizontal;
    }

    private static string Shorten(string text) => text.Length <= 28 ? text : string.Concat(text.AsSpan(0, 27), "…");
}
