using Doppel.Data;
using Microsoft.Data.Analysis;
using Microsoft.ML;

namespace Doppel.Interop;

/// <summary>
/// <see cref="Table"/> to and from ML.NET's <see cref="IDataView"/>, through <see cref="DataFrame"/> (which is an
/// <see cref="IDataView"/>): continuous columns are <c>Double</c>, integers <c>Int64</c>, booleans <c>Boolean</c>,
/// date-times <c>DateTime</c> and categorical or identifier columns text. ML.NET trainers want <c>Single</c> features:
/// convert with <c>mlContext.Transforms.Conversion.ConvertType</c> and one-hot encode the text columns.
/// </summary>
public static class DataViewInterop
{
    /// <summary>The table as an ML.NET data view (a <see cref="DataFrame"/> copy of it).</summary>
    public static IDataView ToDataView(this Table table) => table.ToDataFrame();

    extension(Table)
    {
        /// <summary>
        /// Reads every row of <paramref name="view"/> into a table. Vector and key columns are not supported (select the
        /// scalar columns first, or map keys back to values). <paramref name="schema"/> works as in
        /// <see cref="DataFrameInterop.FromDataFrame"/>.
        /// </summary>
        /// <exception cref="SchemaException">A column's type is not supported or does not fit the schema.</exception>
        public static Table FromDataView(IDataView view, TableSchema? schema = null)
        {
            ArgumentNullException.ThrowIfNull(view);
            return Table.FromDataFrame(view as DataFrame ?? view.ToDataFrame(-1), schema);
        }
    }
}
