using ShapeDnn.Reporting.Html.Page;

namespace ShapeDnn.Reporting.Html;

/// <summary>
/// Renders <c>N.report.html</c>: one self-contained page (inline CSS and SVG, no script, nothing
/// fetched) with the trade-off plot, the accuracy map, the learning curves and the table of all shapes.
/// </summary>
public sealed class HtmlReportRenderer : IReportRenderer
{
    /// <inheritdoc />
    public string FileSuffix => ".report.html";

    /// <inheritdoc />
    public string Render(SearchReport report) => ReportDocument.Write(ReportPage.From(report));
}
