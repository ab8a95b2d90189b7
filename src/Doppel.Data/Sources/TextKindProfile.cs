namespace Doppel.Data;

/// <summary>
/// Decides whether a text column of a typed source (a database TEXT column, a Parquet string column) holds labels
/// (<see cref="ColumnKind.Categorical"/>) or keys (<see cref="ColumnKind.Identifier"/>), with the same rule and bounded
/// memory as CSV inference. The storage type already says the values are text, so no other kind is chosen.
/// </summary>
internal sealed class TextKindProfile
{
    private readonly ColumnProfile _profile;

    /// <summary>Starts the profile of column <paramref name="name"/>.</summary>
    public TextKindProfile(string name) => _profile = new ColumnProfile(name, forceText: true);

    /// <summary>Whether any value was missing.</summary>
    public bool HasMissing => _profile.MissingCount > 0;

    /// <summary>Adds one value (null = missing).</summary>
    public void Add(string? value)
    {
        if (value is null)
        {
            _profile.AddMissing();
        }
        else
        {
            _profile.Add(value);
        }
    }

    /// <summary>The column's schema entry.</summary>
    public ColumnSchema Decide()
    {
        var kind = _profile.ValueCount > 0 && SchemaInference.Decide(_profile, null).Kind == ColumnKind.Identifier
            ? ColumnKind.Identifier
            : ColumnKind.Categorical;
        return new ColumnSchema(_profile.Name, kind) { IsNullable = HasMissing };
    }
}
