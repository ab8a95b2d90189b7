namespace Doppel;

/// <summary>How far a sampling run has come.</summary>
/// <param name="Rows">Rows generated so far.</param>
/// <param name="TotalRows">Rows asked for.</param>
public sealed record SampleProgress(long Rows, long TotalRows);
