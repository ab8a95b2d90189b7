using System.Buffers.Binary;
using Doppel.Cli.Commands;
using Doppel.Data;
using Doppel.Synthesis;
using Doppel.TestKit;
using Spectre.Console;

namespace Doppel.Cli.Tests;

public sealed class DigitsDemoTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Run_BundledDigits_WritesPngGridOfTenByTenAndLoadableModel()
    {
        var folder = _folder.File("demo");
        Directory.CreateDirectory(folder);
        var errors = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(errors), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var context = new CliContext(new StringWriter(), console, BuiltInSynthesizers.Registry, TimeProvider.System);

        var path = DigitsDemo.Run(context, folder, 0, CancellationToken.None);

        var bytes = File.ReadAllBytes(path);
        // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers at offsets 16 and 20.
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        var (width, height) = DigitGrid.Size(100);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        var model = ModelFile.Load(Path.Combine(folder, "digits.model"), BuiltInSynthesizers.Registry);
        Assert.Equal("pca-gmm", model.SynthesizerName);
        Assert.Contains("pca-gmm", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Png_TableWithoutPixelColumns_ClearMessage()
    {
        var table = new Doppel.Data.Table([new NumericColumn("x", [1, 2])]);

        var e = Assert.Throws<SchemaException>(() => DigitGrid.Png(table));

        Assert.Contains("pixel_0", e.Message, StringComparison.Ordinal);
    }
}
