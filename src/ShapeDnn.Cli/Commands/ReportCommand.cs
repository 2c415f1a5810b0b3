using ShapeDnn.Cache;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Diagnostics;
using ShapeDnn.Reporting;
using ShapeDnn.Reporting.Html;

namespace ShapeDnn.Cli.Commands;

/// <summary><c>shapednn report FILE.report.json [--out FILE.html]</c>: renders the HTML report again from a search's report JSON.</summary>
internal static class ReportCommand
{
    // Like search's --out, a missing folder of --out is created, so the path is free text here.
    public static readonly OptionSpec[] Options = [OptionSpec.Text("--out")];

    public static int Run(string[] args, TextWriter stdout)
    {
        // The report file is the one positional argument; the options follow it.
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
            throw CommandLine.Error("report needs the report file first, e.g. 'shapednn report obj/shapednn/Model.report.json'");
        var line = CommandLine.Parse([args[0], .. args[2..]], Options, []);
        var source = args[1];
        var renderer = new HtmlReportRenderer();
        var target = line.Value("--out") ?? DefaultTarget(source, renderer.FileSuffix);

        var html = renderer.Render(SearchReportFile.Read(source));
        try
        {
            // Like search's --out, the folder is created.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            AtomicFile.WriteAllText(target, html);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.OutputNotWritable, $"Cannot write the HTML report to '{target}': {ex.Message}", ex);
        }
        stdout.WriteLine($"Report: {Path.GetFullPath(target)}");
        return 0;
    }

    /// <summary><c>N.report.json</c> → <c>N.report.html</c> beside it; any other name gets the suffix.</summary>
    private static string DefaultTarget(string source, string suffix)
    {
        const string json = ".report.json";
        return source.EndsWith(json, StringComparison.OrdinalIgnoreCase) ? source[..^json.Length] + suffix : Path.ChangeExtension(source, ".html");
    }
}
