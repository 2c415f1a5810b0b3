using OxyPlot;

namespace ShapeDnn.Reporting.Html.Plots;

/// <summary>
/// Measures text with the PDF writer's built-in Helvetica metrics (managed: no font library), in the
/// SVG's pixels. The PDF context answers in points (1/72 inch) for a font size taken as points; the
/// SVG draws the same size in CSS pixels (1/96 inch), so its text is 96/72 as wide as the PDF says.
/// Without this legends and labels are laid out three quarters as wide as they are drawn, and overlap.
/// </summary>
internal sealed class PixelTextMeasurer(double width, double height) : PdfRenderContext(width, height, OxyColors.White)
{
    private const double PixelsPerPoint = 96.0 / 72.0;

    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
    {
        var size = base.MeasureText(text, fontFamily, fontSize, fontWeight);
        return new OxySize(size.Width * PixelsPerPoint, size.Height * PixelsPerPoint);
    }
}
