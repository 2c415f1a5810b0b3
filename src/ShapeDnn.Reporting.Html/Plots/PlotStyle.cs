using OxyPlot;
using OxyPlot.Legends;

namespace ShapeDnn.Reporting.Html.Plots;

/// <summary>Colours and fonts shared by the report's plots, so that a shape looks the same in each.</summary>
internal static class PlotStyle
{
    // One family the PDF metrics know (Helvetica widths), so that layout and rendering agree;
    // on Linux, fontconfig draws Arial with the metric-compatible Liberation Sans.
    public const string Font = "Arial";
    public static readonly OxyColor Measured = OxyColor.FromRgb(0x1f, 0x77, 0xb4);
    public static readonly OxyColor Predicted = OxyColor.FromRgb(0xff, 0x7f, 0x0e);
    public static readonly OxyColor Excluded = OxyColor.FromRgb(0x9a, 0x9a, 0x9a);
    public static readonly OxyColor Chosen = OxyColor.FromRgb(0xd6, 0x27, 0x28);
    public static readonly OxyColor RunnerUp = OxyColor.FromRgb(0x2c, 0xa0, 0x2c);
    public static readonly OxyColor Front = OxyColor.FromRgb(0x44, 0x44, 0x44);
    public static readonly OxyColor Limit = OxyColor.FromRgb(0xb0, 0x30, 0x30);
    public static readonly OxyColor FeasibleFill = OxyColor.FromArgb(0x30, 0x2c, 0xa0, 0x2c);

    /// <summary>A plot model with the report's fonts and an outside legend.</summary>
    public static PlotModel NewModel(string title, bool legend = true)
    {
        var model = new PlotModel
        {
            Title = title,
            TitleFontSize = 15,
            TitleFontWeight = FontWeights.Bold,
            DefaultFont = Font,
            DefaultFontSize = 12,
            Background = OxyColors.White,
            PlotAreaBorderColor = OxyColor.FromRgb(0x88, 0x88, 0x88),
        };
        if (legend)
            model.Legends.Add(new Legend
            {
                LegendPlacement = LegendPlacement.Outside,
                LegendPosition = LegendPosition.BottomCenter,
                LegendOrientation = LegendOrientation.Horizontal,
                LegendItemSpacing = 16,
                LegendFont = Font,
                LegendFontSize = 12,
                LegendBorder = OxyColor.FromRgb(0xcc, 0xcc, 0xcc),
            });
        return model;
    }

    /// <summary>Curve colours for shapes that are neither chosen nor runners-up (no red or green, which mark those).</summary>
    public static readonly OxyColor[] Others =
    [
        OxyColor.FromRgb(0x1f, 0x77, 0xb4), OxyColor.FromRgb(0x94, 0x67, 0xbd), OxyColor.FromRgb(0x8c, 0x56, 0x4b), OxyColor.FromRgb(0xe3, 0x77, 0xc2),
        OxyColor.FromRgb(0x7f, 0x7f, 0x7f), OxyColor.FromRgb(0xbc, 0xbd, 0x22), OxyColor.FromRgb(0x17, 0xbe, 0xcf), OxyColor.FromRgb(0xff, 0x7f, 0x0e),
    ];

    /// <summary>Colour of a shape's label by its role.</summary>
    public static OxyColor ForRole(Page.ShapeRole role) => role switch
    {
        Page.ShapeRole.Chosen => Chosen,
        Page.ShapeRole.RunnerUp => RunnerUp,
        _ => Measured,
    };
}
