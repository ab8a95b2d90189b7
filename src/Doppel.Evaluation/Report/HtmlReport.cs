using System.Globalization;
using System.Net;
using System.Text;
using Doppel.Data;
using Doppel.Evaluation.Fidelity;

namespace Doppel.Evaluation.Report;

/// <summary>
/// Writes a <see cref="QualityReport"/> as one self-contained HTML page for people who do not know the metrics:
/// headline scores with one sentence each, per-column charts, correlation heatmaps, a PCA scatter, the
/// mean-and-spread plot, summary, efficacy and privacy tables, and training losses when given. Every chart is
/// inline SVG; a Content-Security-Policy forbids the page any network request.
/// </summary>
internal static partial class HtmlReport
{
    /// <summary>The page as text.</summary>
    /// <param name="report">The evaluation.</param>
    /// <param name="real">The real table that was evaluated (for the charts).</param>
    /// <param name="synthetic">The synthetic table.</param>
    /// <param name="options">Title, loss curves and chart settings; defaults when null.</param>
    public static string Render(QualityReport report, Table real, Table synthetic, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new HtmlReportOptions();
        var tables = AlignedTables.Create(real, synthetic, null);
        var html = new StringBuilder(1 << 20);
        var title = Encode(options.Title);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title>
            <style>{Style}</style>
            </head>
            <body>
            <h1>{title}</h1>
            <p class="lead">{report.Rows.Real:N0} real rows compared with {report.Rows.Synthetic:N0} synthetic rows{(report.Rows.Holdout is { } h ? string.Create(CultureInfo.InvariantCulture, $", with {h:N0} held-out real rows") : "")}.
            Blue is always the real data, orange the synthetic data.</p>

            """);
        Headlines(html, report);
        ColumnSection(html, report, tables, options);
        Heatmaps(html, report);
        Overview(html, report, tables, options);
        SummaryTable(html, report);
        MlTable(html, report);
        PrivacyTable(html, report);
        if (options.LossCurves.Count > 0)
        {
            html.Append("<section id=\"losses\"><h2>Training losses</h2><p>How the model's losses changed while it learned. Curves that settle suggest training converged.</p>")
                .Append(Charts.Losses(options.LossCurves)).Append("</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return ScopeSvgIds(html.ToString());
    }

    /// <summary>
    /// Gives each inline SVG its own element ids: ScottPlot numbers them from 0 in every chart, and in one document
    /// a reference such as <c>href="#img_0"</c> would otherwise resolve to the first chart's image. Embedded bitmaps
    /// (heatmap cells) are also drawn with sharp edges.
    /// </summary>
    private static string ScopeSvgIds(string html)
    {
        var chart = 0;
        return SvgBlock().Replace(html, svg =>
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"s{chart++}_");
            var scoped = SvgId().Replace(svg.Value, m => $"{m.Groups[1].Value}{prefix}{m.Groups[2].Value}");
            return scoped.Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial System.Text.RegularExpressions.Regex SvgBlock();

    [System.Text.RegularExpressions.GeneratedRegex("(id=\"|href=\"#|url\\(#)([A-Za-z_][\\w-]*)")]
    private static partial System.Text.RegularExpressions.Regex SvgId();

    /// <summary>Writes the page to <paramref name="path"/> atomically.</summary>
    public static void Write(QualityReport report, Table real, Table synthetic, string path, HtmlReportOptions? options = null)
    {
        var text = Render(report, real, synthetic, options);
        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));
    }

    private static void Headlines(StringBuilder html, QualityReport r)
    {
        html.Append("<section id=\"headline\"><h2>At a glance</h2><div class=\"cards\">\n");
        Card(html, "Overall quality", r.Quality.Score, "The mean of the two scores below: 1 means the synthetic data look exactly like the real data, column by column and pair by pair.");
        Card(html, "Column shapes", r.Quality.ColumnShapes, "How closely each column's distribution of values matches the real one (1 − KS for numbers, 1 − total variation for categories), averaged over columns.");
        Card(html, "Column pair trends", r.Quality.ColumnPairTrends, "How well the relationships between pairs of columns are kept (correlations between numbers, joint frequencies of categories), averaged over pairs.");
        if (r.MlEfficacy is { Synthetic: { } syn, Real: var realModel } ml)
        {
            var metric = ml.Task == "regression" ? syn.R2 : syn.RocAuc;
            var ceiling = ml.Task == "regression" ? realModel?.R2 : realModel?.RocAuc;
            Card(html, ml.Task == "regression" ? "Prediction R² (trained on synthetic)" : "Prediction AUC (trained on synthetic)", metric,
                $"A model trained only on synthetic rows predicts '{ml.Target}' on real rows it never saw. The same model trained on real rows reaches {Number(ceiling)}; the closer, the more useful the synthetic data.");
        }

        if (r.Detection is { } d)
        {
            Card(html, "Detection AUC", d.Auc, "How well a classifier tells synthetic rows from real ones: 0.5 means it cannot tell them apart (best), 1.0 means it always can.");
        }

        if (r.Privacy is { } p)
        {
            Card(html, "Distance ratio (privacy)", p.DcrRatio, "Typical distance from a synthetic row to its closest real training row, relative to the same distance for unseen real rows: near 1 is healthy, far below 1 suggests copying.");
            Card(html, "Exact copies", p.ExactCopies, $"Synthetic rows identical to a real training row ({p.ExactCopyRate:P2} of them); unseen real rows match {p.HoldoutExactCopies?.ToString(CultureInfo.InvariantCulture) ?? "—"} by chance.");
        }

        html.Append("</div></section>\n");
    }

    private static void Card(StringBuilder html, string title, double? value, string sentence) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><div class=\"value\">{Number(value)}</div><div class=\"name\">{Encode(title)}</div><p>{Encode(sentence)}</p></div>\n");

    private static void ColumnSection(StringBuilder html, QualityReport report, AlignedTables tables, HtmlReportOptions options)
    {
        html.Append("<section id=\"columns\"><h2>Column by column</h2><p>Each column's values in the real and synthetic data: how often each value or range occurs (left) and the cumulative share of rows (right). Bars and curves that overlap mean the column was reproduced well.</p>\n");
        foreach (var (column, aligned) in report.Columns.Zip(tables.Columns))
        {
            if (aligned.Feature == FeatureKind.Skipped)
            {
                continue;
            }

            html.Append(CultureInfo.InvariantCulture, $"<div class=\"column\"><h3>{Encode(column.Name)} <span class=\"score\">shape score {Number(column.ShapeScore)}</span></h3><div class=\"charts\">");
            if (aligned.Feature == FeatureKind.Numeric)
            {
                var real = aligned.SortedPresent(AlignedColumn.Real);
                var syn = aligned.SortedPresent(AlignedColumn.Synthetic);
                if (real.Length + syn.Length > 0)
                {
                    html.Append(Charts.Histogram(column.Name, real, syn)).Append(Charts.Cumulative(column.Name, real, syn));
                }
            }
            else
            {
                var real = aligned.Counts(AlignedColumn.Real);
                var syn = aligned.Counts(AlignedColumn.Synthetic);
                html.Append(Charts.Categories(column.Name, aligned.Categories, real, syn, options.MaxCategories))
                    .Append(Charts.CumulativeCategories(column.Name, real, syn));
            }

            html.Append("</div></div>\n");
        }

        html.Append("</section>\n");
    }

    private static void Heatmaps(StringBuilder html, QualityReport report)
    {
        var a = report.Associations;
        if (a.Columns.Length < 2)
        {
            return;
        }

        html.Append("<section id=\"heatmaps\"><h2>Relationships between columns</h2><p>How strongly each pair of columns is related, from 0 (unrelated) to 1 (fully determined; Pearson correlations of two numeric columns are negative, down to −1, when one falls as the other rises): Pearson correlation for two numeric columns, the correlation ratio for a numeric and a categorical column, Cramér's V for two categorical columns. The third map shows synthetic minus real: colours far from the middle of the scale mark relationships that were lost or invented. Grey cells cannot be computed (a constant column).</p><div class=\"charts\">")
            .Append(Charts.Heatmap("Real data", a.Columns, a.Real, false))
            .Append(Charts.Heatmap("Synthetic data", a.Columns, a.Synthetic, false))
            .Append(Charts.Heatmap("Difference (synthetic − real)", a.Columns, a.Difference, true))
            .Append("</div></section>\n");
    }

    private static void Overview(StringBuilder html, QualityReport report, AlignedTables tables, HtmlReportOptions options)
    {
        html.Append("<section id=\"overview\"><h2>Whole rows</h2><div class=\"charts\">");
        var encoder = new FeatureEncoder(tables.Columns, standardise: true);
        if (encoder.Width >= 2)
        {
            var rng = new Rng(options.Seed).Fork("report/scatter");
            var real = Subset(tables.RowCounts[AlignedColumn.Real], options.ScatterRows, rng.Fork("real"));
            var syn = Subset(tables.RowCounts[AlignedColumn.Synthetic], options.ScatterRows, rng.Fork("synthetic"));
            var (pr, ps) = Pca.Project(encoder.Encode(AlignedColumn.Real, real), encoder.Encode(AlignedColumn.Synthetic, syn), encoder.Width);
            html.Append("<figure>").Append(Charts.Scatter(pr, ps))
                .Append("<figcaption>Each dot is a row, placed by the two directions in which the real rows vary most (numbers standardised, categories one-hot). Orange clouds that cover the blue ones, and no more, mean whole rows look realistic.</figcaption></figure>");
        }

        if (report.Columns.Any(c => c.Real.Mean is not null))
        {
            html.Append("<figure>").Append(Charts.MeanStd(report.Columns))
                .Append("<figcaption>Each numeric column appears twice, as a circle (real) and a square (synthetic), placed by the logarithm of its mean and of its standard deviation. Short grey lines mean the synthetic column has the right size and spread.</figcaption></figure>");
        }

        html.Append("</div></section>\n");
    }

    private static void SummaryTable(StringBuilder html, QualityReport report)
    {
        html.Append("<section id=\"summary\"><h2>Summary statistics</h2><p>Each column's statistics in the real data (R) and the synthetic data (S), with the per-column test results. The KS statistic and total variation distance are 0 for identical distributions; p-values below 0.05 mean the difference is larger than chance would explain (with many rows even small differences reach that).</p><div class=\"wide\"><table><thead><tr><th>column</th><th></th><th>count</th><th>missing</th><th>mean</th><th>std</th><th>min</th><th>median</th><th>max</th><th>distinct</th><th>most frequent</th><th>KS / TVD</th><th>AD / χ² p</th><th>Wasserstein ÷ std</th></tr></thead><tbody>\n");
        foreach (var c in report.Columns)
        {
            foreach (var (side, s) in new[] { ("R", c.Real), ("S", c.Synthetic) })
            {
                var first = side == "R";
                html.Append("<tr>");
                if (first)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<th rowspan=\"2\">{Encode(c.Name)}<br><small>{c.Kind}</small></th>");
                }

                html.Append(CultureInfo.InvariantCulture, $"<td>{side}</td><td>{s.Count}</td><td>{s.Missing}</td><td>{Number(s.Mean)}</td><td>{Number(s.Std)}</td><td>{Number(s.Min)}</td><td>{Number(s.Median)}</td><td>{Number(s.Max)}</td><td>{s.Distinct}</td><td>{Encode(s.Top?.Trim() ?? "")}{(s.TopShare is { } share ? string.Create(CultureInfo.InvariantCulture, $" ({share:P1})") : "")}</td>");
                if (first)
                {
                    var p = c.AndersonDarlingPValue ?? c.ChiSquarePValue;
                    html.Append(CultureInfo.InvariantCulture, $"<td rowspan=\"2\">{Number(c.Ks ?? c.Tvd)}</td><td rowspan=\"2\">{Number(p)}</td><td rowspan=\"2\">{Number(c.WassersteinScaled)}</td>");
                }

                html.Append("</tr>\n");
            }
        }

        html.Append("</tbody></table></div></section>\n");
    }

    private static void MlTable(StringBuilder html, QualityReport report)
    {
        if (report.MlEfficacy is not { } ml)
        {
            return;
        }

        html.Append("<section id=\"ml\"><h2>Usefulness for machine learning</h2>");
        if (ml.Reason is not null || ml.Real is null || ml.Synthetic is null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Not measured: {Encode(ml.Reason ?? "no models were trained")}.</p></section>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>A gradient-boosted model (LightGBM) learns to predict <b>{Encode(ml.Target!)}</b> ({ml.Task}) once from the real training rows and once from the synthetic rows; both are tested on {ml.TestRows:N0} real rows that neither saw. The synthetic column should come close to the real one.</p><table><thead><tr><th>trained on</th><th>rows</th>");
        var metrics = ml.Task == "regression"
            ? new (string Name, Func<Utility.ModelScores, double?> Get)[] { ("R²", m => m.R2), ("mean absolute error", m => m.Mae) }
            : [("accuracy", m => m.Accuracy), ("macro-F1", m => m.MacroF1), ("ROC AUC", m => m.RocAuc)];
        foreach (var (name, _) in metrics)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{name}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var (label, scores) in new[] { ("real rows (ceiling)", ml.Real), ("synthetic rows", ml.Synthetic) })
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{label}</th><td>{scores.TrainRows:N0}</td>");
            foreach (var (_, get) in metrics)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{Number(get(scores))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void PrivacyTable(StringBuilder html, QualityReport report)
    {
        if (report.Privacy is not { } p)
        {
            return;
        }

        html.Append("<section id=\"privacy\"><h2>Privacy</h2><p>Distance to the closest record: for each row, the distance to the most similar real training row (numbers standardised, categories one-hot). Unseen real rows are the yardstick: synthetic rows should be about as far from the training rows as they are. The nearest-neighbour ratio compares the closest and second-closest training rows; values near 0 mean a row sits on top of one particular training row.</p><table><thead><tr><th></th><th>synthetic rows</th><th>unseen real rows</th></tr></thead><tbody>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>median distance to closest record</th><td>{Number(p.DcrSyntheticMedian)}</td><td>{Number(p.DcrHoldoutMedian)}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>5th percentile</th><td>{Number(p.DcrSyntheticP5)}</td><td>{Number(p.DcrHoldoutP5)}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>median nearest-neighbour ratio</th><td>{Number(p.NndrSyntheticMedian)}</td><td>{Number(p.NndrHoldoutMedian)}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>exact copies of a training row</th><td>{p.ExactCopies:N0}</td><td>{p.HoldoutExactCopies?.ToString("N0", CultureInfo.InvariantCulture) ?? "—"}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>distance ratio (synthetic ÷ unseen)</th><td colspan=\"2\">{Number(p.DcrRatio)}</td></tr>");
        html.Append("</tbody></table>");
        foreach (var (key, why) in p.Reasons)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{Encode(key)}: {Encode(why)}</p>");
        }

        html.Append("</section>\n");
    }

    private static int[] Subset(int rows, int max, Rng rng)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        rng.Shuffle(order);
        return rows <= max ? order : order[..max];
    }

    private static string Number(double? value) => value is { } v && double.IsFinite(v)
        ? Math.Abs(v) >= 10_000 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture)
        : "—";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1400px;padding:0 1rem;color:#222;line-height:1.45}
        h1{margin-bottom:.2rem}h2{border-bottom:2px solid #eee;padding-bottom:.2rem;margin-top:2.5rem}
        .lead{color:#555}.cards{display:flex;flex-wrap:wrap;gap:1rem}
        .card{flex:1 1 220px;border:1px solid #ddd;border-radius:8px;padding:.8rem 1rem;background:#fafafa}
        .card .value{font-size:2rem;font-weight:600}.card .name{font-weight:600;margin-bottom:.3rem}.card p{margin:0;color:#444;font-size:.9rem}
        .charts{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}.column h3{margin-bottom:.2rem}
        .score{font-weight:normal;color:#666;font-size:.9rem}figure{margin:0;max-width:660px}figcaption{font-size:.9rem;color:#444}
        table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}
        th{background:#f4f4f4;text-align:left}.wide{overflow-x:auto}.note{color:#666;font-size:.85rem}
        svg{max-width:100%;height:auto}svg image{image-rendering:pixelated}
        """;
}
