using Doppel.Data;

namespace Doppel.Synthesis.Classification;

/// <summary>Scoring helpers shared by the classifiers.</summary>
internal static class ClassifierScoring
{
    public static double Accuracy(string[] predicted, Table data, string target)
    {
        var column = data[target];
        var correct = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            correct += predicted[i] == column.FormatValue(i) ? 1 : 0;
        }

        return predicted.Length == 0 ? 0 : (double)correct / predicted.Length;
    }
}
