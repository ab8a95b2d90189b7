using System.Diagnostics;

namespace Doppel.Evaluation.Tests.Report;

/// <summary>Runs Debian's headless Chromium on a local page and collects the rendered DOM and console messages.</summary>
internal static class Chromium
{
    /// <summary>The browser executable, or null when it is not installed (scripts/setup.sh installs it).</summary>
    public static string? Path { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// Opens <paramref name="htmlFile"/> with networking pointed at a dead proxy, dumps the DOM, and returns it with
    /// every console line (Chromium logs each console message, including CSP violations and failed loads, as "CONSOLE").
    /// </summary>
    public static (string Dom, IReadOnlyList<string> Console) Render(string htmlFile)
    {
        var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "doppel-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("chromium is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
            "--proxy-server=127.0.0.1:9", "--dump-dom", new Uri(htmlFile).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 120 s");
            }

            var console = stderr.Result.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
            return (stdout.Result, console);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>A fact that is skipped, saying why, when Chromium is not installed.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "chromium is not installed; scripts/setup.sh installs it from Debian's packages";
        }
    }
}
