using OxyPlot;

namespace ShapeDnn.Reporting.Html.Plots;

/// <summary>Exports a plot as an SVG element to inline in the page (managed: OxyPlot's own SVG writer).</summary>
internal static class SvgPlot
{
    public static string Render(PlotModel model, int width, int height, string id)
    {
        // Helvetica metrics: Arial, which the plots ask for (Liberation Sans on Linux), has the same widths.
        var measurer = new PixelTextMeasurer(width, height);
        var svg = SvgExporter.ExportToString(model, width, height, isDocument: false, measurer, useVerticalTextAlignmentWorkaround: true);
        // Inline SVG needs no XML prolog. A viewBox lets the page scale the plot to its column; an id and
        // a label let readers (and the page's test) address each plot.
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return svg[start..].Insert("<svg".Length,
            $" id=\"{id}\" viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(model.Title)}\"");
    }
}
