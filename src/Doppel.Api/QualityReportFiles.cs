using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Json;
using Doppel.Evaluation.Report;

namespace Doppel;

/// <summary>Writing a <see cref="QualityReport"/>: the stable JSON document of <c>doppel evaluate --json</c> and the offline HTML report.</summary>
public static class QualityReportFiles
{
    extension(QualityReport report)
    {
        /// <summary>The report as the JSON document <c>doppel evaluate --json</c> prints (docs/EVALUATION.md).</summary>
        public string ToJson() => QualityReportJson.Serialize(report);

        /// <summary>Writes the JSON document to <paramref name="path"/>, whole or not at all.</summary>
        public void WriteJson(string path) => QualityReportJson.WriteFile(report, path);

        /// <summary>
        /// Writes the self-contained HTML report (plots of every column and pair, scores, privacy) to
        /// <paramref name="path"/>; it opens offline. <paramref name="real"/> and <paramref name="synthetic"/> are the
        /// tables that were compared.
        /// </summary>
        public void WriteHtml(string path, Table real, Table synthetic, HtmlReportOptions? options = null) =>
            HtmlReport.Write(report, real, synthetic, path, options);
    }
}
