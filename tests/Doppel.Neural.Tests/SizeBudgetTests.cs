using Doppel.TestKit;

namespace Doppel.Neural.Tests;

public sealed class SizeBudgetTests
{
    // The engine must stay readable in an afternoon (STYLE.md §9); the matrix-product kernels are counted apart.
    private const int Budget = 3000;

    [Fact]
    public void SourceLines_ExcludingKernels_StayWithinBudget()
    {
        var root = Path.Combine(TestData.RepositoryRoot, "src", "Doppel.Neural");
        var sep = Path.DirectorySeparatorChar;

        var lines = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}Kernels{sep}", StringComparison.Ordinal)
                && !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal)
                && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .Sum(f => File.ReadLines(f).Count());

        Assert.True(lines > 0, "no source files found under " + root);
        Assert.True(lines <= Budget, $"Doppel.Neural has {lines} lines outside Kernels/; the budget is {Budget}.");
    }
}
