using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis.Specification;

/// <summary>The rows generated from a specification, with what was aimed at and what was reached.</summary>
public sealed class GenerationResult
{
    internal GenerationResult(Table table, double[][] values, FeasibilityReport feasibility, SpecMethod method, string description, double[] achieved)
    {
        Table = table;
        Values = values;
        Feasibility = feasibility;
        Method = method;
        Description = description;
        Achieved = [.. achieved];
    }

    /// <summary>The generated rows: continuous families as numbers, counts as integers, categorical as labels.</summary>
    public Table Table { get; }

    /// <summary>The numeric value of every cell, one array per variable (categorical: the code).</summary>
    internal IReadOnlyList<double[]> Values { get; }

    /// <summary>The feasibility analysis, including the target aimed at.</summary>
    internal FeasibilityReport Feasibility { get; }

    /// <summary>The method that ran (never <see cref="SpecMethod.Auto"/>).</summary>
    public SpecMethod Method { get; }

    /// <summary>What ran, in words (e.g. "norta + rank-swap refinement").</summary>
    public string Description { get; }

    /// <summary>The achieved correlation matrix of the specification's type, row-major.</summary>
    public ImmutableArray<double> Achieved { get; }
}
