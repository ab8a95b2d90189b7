using System.Globalization;
using System.Net;
using System.Text;
using Doppel.Synthesis.Specification;
using ScottPlot;

namespace Doppel.Cli.Specification;

/// <summary>
/// The HTML report of a generation run, one self-contained file with inline SVG plots: each marginal's histogram
/// (continuous) or frequencies (discrete) against the target density or mass, then the target, achieved and
/// difference correlation heatmaps.
/// </summary>
internal static class SpecReport
{
    private const int Bins = 60;

    /// <summary>Writes the report for <paramref name="result"/> to <paramref name="stream"/>.</summary>
    public static void Write(GenerationResult result, SpecSummary summary, Stream stream)
    {
        var report = result.Feasibility;
        var spec = report.Spec;
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Doppel: generation from a specification</title>");
        html.Append("<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}figure{display:inline-block;margin:0.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}pre{background:#f6f6f6;padding:1em}</style></head><body>");
        html.Append(c, $"<h1>Generation from a specification: {Escape(spec.Name)}</h1>");
        html.Append(c, $"<p>{result.Table.RowCount:N0} rows, method: {Escape(result.Description)}.</p>");
        html.Append(c, $"<p>{Escape(summary.Text)}.</p>");
        html.Append(c, $"<h2>Feasibility</h2><pre>{Escape(report.Describe())}</pre>");
        html.Append("<h2>Marginals</h2><table><tr><th>column</th><th>family</th><th>KS</th></tr>");
        for (var j = 0; j < spec.Dimension; j++)
        {
            html.Append(c, $"<tr><td>{Escape(spec.Marginals[j].Name)}</td><td>{Escape(spec.Marginals[j].Family)}</td><td>{summary.Ks[j]:F4}</td></tr>");
        }

        html.Append("</table>");
        for (var j = 0; j < spec.Dimension; j++)
        {
            html.Append("<figure>").Append(MarginalPlot(report.Marginals[j], result.Values[j])).Append("</figure>");
        }

        html.Append("<h2>Correlation</h2>");
        var d = spec.Dimension;
        var difference = new double[d * d];
        for (var i = 0; i < d * d; i++)
        {
            difference[i] = result.Achieved[i] - spec.Target[i];
        }

        var names = spec.Marginals.Select(m => m.Name).ToArray();
        html.Append("<figure>").Append(Heatmap("target", [.. spec.Target], names, -1, 1)).Append("</figure>");
        html.Append("<figure>").Append(Heatmap("achieved", [.. result.Achieved], names, -1, 1)).Append("</figure>");
        var span = Math.Max(1e-3, difference.Max(Math.Abs));
        html.Append("<figure>").Append(Heatmap("achieved - target", difference, names, -span, span)).Append("</figure>");
        html.Append("</body></html>\n");
        var bytes = Encoding.UTF8.GetBytes(html.ToString());
        stream.Write(bytes);
    }

    private static string MarginalPlot(Marginal marginal, double[] values)
    {
        var plot = new Plot();
        plot.Title($"{marginal.Name} ({marginal.Family})");
        if (marginal.IsDiscrete)
        {
            var atoms = marginal.AtomValues.ToArray();
            var mass = marginal.AtomProbabilities.ToArray();
            var shown = Enumerable.Range(0, atoms.Length).Where(k => mass[k] > 1e-4).Take(200).ToArray();
            var counts = values.GroupBy(v => v).ToDictionary(g => g.Key, g => (double)g.Count() / values.Length);
            var bars = plot.Add.Bars(shown.Select(k => atoms[k]).ToArray(), shown.Select(k => counts.GetValueOrDefault(atoms[k])).ToArray());
            bars.LegendText = "generated frequency";
            var target = plot.Add.ScatterPoints(shown.Select(k => atoms[k]).ToArray(), shown.Select(k => mass[k]).ToArray(), Colors.Red);
            target.LegendText = "target mass";
            target.MarkerSize = 8;
            if (!marginal.Labels.IsDefaultOrEmpty)
            {
                plot.Axes.Bottom.SetTicks([.. shown.Select(k => atoms[k])], [.. shown.Select(k => marginal.Labels[k])]);
            }
        }
        else
        {
            var (low, high) = (marginal.InverseCdf(0.001), marginal.InverseCdf(0.999));
            var width = (high - low) / Bins;
            var density = new double[Bins];
            foreach (var v in values)
            {
                var b = (int)Math.Floor((v - low) / width);
                if (b >= 0 && b < Bins)
                {
                    density[b] += 1.0 / (values.Length * width);
                }
            }

            var bars = plot.Add.Bars(Enumerable.Range(0, Bins).Select(b => low + ((b + 0.5) * width)).ToArray(), density);
            bars.LegendText = "generated histogram";
            foreach (var bar in bars.Bars)
            {
                bar.Size = width;
            }

            var xs = Enumerable.Range(0, 400).Select(k => low + ((high - low) * k / 399.0)).ToArray();
            var line = plot.Add.ScatterLine(xs, xs.Select(marginal.Density).ToArray(), Colors.Red);
            line.LegendText = "target density";
            line.LineWidth = 2;
        }

        plot.ShowLegend();
        return plot.GetSvgXml(560, 360);
    }

    private static string Heatmap(string title, double[] matrix, string[] names, double min, double max)
    {
        var d = names.Length;
        var grid = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                grid[i, j] = matrix[(i * d) + j];
            }
        }

        var plot = new Plot();
        plot.Title(title);
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        heatmap.ManualRange = new ScottPlot.Range(min, max);
        plot.Add.ColorBar(heatmap);
        var ticks = Enumerable.Range(0, d).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, names);
        plot.Axes.Left.SetTicks(ticks, [.. names.Reverse()]);
        return plot.GetSvgXml(420, 380);
    }

    private static string Escape(string s) => WebUtility.HtmlEncode(s);
}
