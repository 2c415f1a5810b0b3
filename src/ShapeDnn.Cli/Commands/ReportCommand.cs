using System.CommandLine;
using ShapeDnn.Cache;
using ShapeDnn.Cli.Arguments;
using ShapeDnn.Diagnostics;
using ShapeDnn.Reporting;
using ShapeDnn.Reporting.Html;

namespace ShapeDnn.Cli.Commands;

/// <summary><c>shapednn report FILE.report.json [--out FILE.html]</c>: renders the HTML report again from a search's report JSON.</summary>
internal static class ReportCommand
{
    private static readonly Argument<string> Source = new("FILE.report.json")
    {
        Description = "the report JSON a search wrote (obj/shapednn/N.report.json in a project)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static CliCommand Definition() => new("report", "Renders the HTML report (plots and the table of all shapes) again from a search's report JSON.",
        [CliOptions.ReportOut], c => Run(c.Line, c.Stdout), Source);

    public static int Run(CommandLine line, TextWriter stdout)
    {
        var source = line.Argument(Source) is { Length: > 0 } file
            ? file
            : throw CommandLine.Error("report needs the report file, e.g. 'shapednn report obj/shapednn/Model.report.json'");
        var renderer = new HtmlReportRenderer();
        var target = line.Value(CliOptions.ReportOut) ?? DefaultTarget(source, renderer.FileSuffix);

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
