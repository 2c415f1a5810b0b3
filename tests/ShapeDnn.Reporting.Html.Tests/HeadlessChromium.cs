using System.Diagnostics;

namespace ShapeDnn.Reporting.Html.Tests;

/// <summary>
/// Debian's <c>chromium</c> in headless mode, as root, offline: no sandbox (root), no GPU, no network
/// services, a fresh profile per run so that no earlier state changes what renders.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static string Executable =>
        Candidates.FirstOrDefault(File.Exists)
        ?? throw new AssertionException("chromium is not installed; install the Debian package chromium (build/test.sh does) to run the browser tests.");

    /// <summary>Runs chromium on <paramref name="page"/> with <paramref name="mode"/> (e.g. <c>--dump-dom</c>) and returns its standard output.</summary>
    public static string Run(string page, string profileRoot, params string[] mode)
    {
        var profile = Path.Combine(profileRoot, "profile-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--window-size=1280,2000",
                 }.Concat(mode).Append(new Uri(page).AbsoluteUri))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        // A safety net against a hung browser, not a synchronisation: the run ends when chromium exits.
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within 3 minutes: {stderr.Result}");
        }
        Assert.That(process.ExitCode, Is.Zero, $"chromium failed: {stderr.Result}");
        return stdout;
    }
}
