using System.Globalization;
using System.Text;
using ShapeDnn.Profiles;
using ShapeDnn.Reporting.Html.Page;
using ShapeDnn.Reporting.Html.Plots;

namespace ShapeDnn.Reporting.Html;

/// <summary>Lays out the page: header with the request and the outcome, the three plots, the table of all shapes.</summary>
internal static class ReportDocument
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Element ids of the plots, in page order.</summary>
    public static readonly string[] PlotIds = ["trade-off", "accuracy-map", "learning-curves"];

    public static string Write(ReportPage page)
    {
        var r = page.Report;
        var chosen = r.Chosen;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append($"<title>ShapeDnn report: {Html.Text(page.ModelName)} → {Html.Text(chosen.Name)}</title>")
            .Append("<style>").Append(ReportStyle.Css).Append("</style></head><body>\n");
        html.Append("<header class=\"top\">")
            .Append($"<h1>{Html.Text(page.ModelName)}: {Html.Text(chosen.Name)}</h1>")
            .Append($"<p>ShapeDnn {Html.Text(r.ToolVersion)} · {Html.Text(r.Request.Goal)} under {Html.Text(r.Request.Constraints)} · {Html.Text(r.CreatedUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", Ci))}</p>")
            .Append("</header>\n<main>\n");

        WriteSummary(html, page);
        WriteFacts(html, page);

        html.Append("<section><h2>Goal figure against accuracy</h2><figure>")
            .Append(SvgPlot.Render(TradeOffPlot.Build(page), 1180, 600, PlotIds[0]))
            .Append("<figcaption>Every shape of the space that has this figure. Filled: trained, measured validation accuracy; hollow: not trained, ")
            .Append("the predictor's accuracy with its 95 % interval; grey crosses: excluded by a limit before the search (no prediction). ")
            .Append("The shaded area meets the limits drawn on these axes");
        var otherLimits = OtherLimits(page);
        if (otherLimits.Length > 0) html.Append($"; {Html.Text(otherLimits)} also applied (shapes they exclude are grey)");
        if (page.Region.IsBounded)
        {
            int inside = page.Points.Count(p => p.Kind == AccuracyKind.Measured && page.Region.Contains(p.X, p.Accuracy!.Value));
            html.Append($" ({inside.ToString(Ci)} of the {page.Points.Count(p => p.Kind == AccuracyKind.Measured).ToString(Ci)} trained shapes are in it)");
        }
        html.Append(". The dashed steps join the measured shapes no other measured shape beats on both counts (Pareto front).");
        int estimated = page.Points.Count(p => p.XSource is not null and not FigureSource.Measured);
        if (estimated > 0)
            html.Append($" {estimated.ToString(Ci)} of the {page.Points.Count.ToString(Ci)} {Html.Text(page.Axis.Name.ToLowerInvariant())} figures are predicted or estimated, not measured (tagged in the table).");
        html.Append("</figcaption></figure></section>\n");

        html.Append("<section class=\"grid2\"><figure>")
            .Append(SvgPlot.Render(AccuracyMapPlot.Build(page.Map), 600, 470, PlotIds[1]))
            .Append("<figcaption>The predictor's final validation accuracy for each depth × width; grey cells were excluded by a limit. ")
            .Append("Circles mark the trained shapes, the star the chosen one.</figcaption></figure><figure>")
            .Append(SvgPlot.Render(LearningCurvesPlot.Build(page.Curves, r.Request.Epochs, page.Limits.MinAccuracy), 600, 470, PlotIds[2]))
            .Append($"<figcaption>Validation accuracy after each epoch (recipe: {r.Request.Epochs.ToString(Ci)} epochs). ")
            .Append("A curve that ends with a cross stopped early.</figcaption></figure></section>\n");

        html.Append($"<section><h2>All {r.Shapes.Count.ToString(Ci)} shapes</h2>");
        ShapeTable.Write(html, page);
        html.Append("</section>\n");
        html.Append($"<footer>Written by ShapeDnn {Html.Text(r.ToolVersion)} from {Html.Text(Path.GetFileName(r.Outputs.Report))}. ")
            .Append("Figures tagged predicted come from a model fitted to measured shapes; estimated ones have no measurement behind them.</footer>\n");
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static void WriteSummary(StringBuilder html, ReportPage page)
    {
        var c = page.Report.Chosen;
        html.Append("<section><h2>Outcome</h2><div class=\"cards\">")
            .Append(Card("chosen shape", c.Name, "chosen"))
            .Append(Card("validation accuracy", c.Training is { } t ? Figures.Percent(t.ValidationAccuracy) : "n/a"))
            .Append(Card("test accuracy", c.Training is { } u ? Figures.Percent(u.TestAccuracy) : "n/a"))
            .Append(Card("parameters", c.Parameters.ToString("N0", Ci)))
            .Append(Card("fp32 size", Figures.Bytes(c.SizeBytes)))
            .Append(Card("latency", c.Latency is { } l ? Figures.Ms(l.MedianMilliseconds) + " " + Figures.Source(l.Source) : "n/a"))
            .Append(Card("energy / pass", c.Energy is { } e ? e.Millijoules.ToString("0.###", Ci) + " mJ " + Figures.Source(e.Source) : "n/a"))
            .Append(Card("search time", Figures.Seconds(page.Report.Search.TotalSeconds)))
            .Append("</div></section>\n");
    }

    private static void WriteFacts(StringBuilder html, ReportPage page)
    {
        var r = page.Report;
        var q = r.Request;
        var d = r.Dataset;
        var s = r.Search;
        html.Append("<section><h2>Request and search</h2><dl class=\"facts\">");
        Fact(html, "constraints", q.Constraints);
        Fact(html, "goal", q.Goal);
        Fact(html, "budget", $"{q.Budget} (at most {q.MaxTrainedShapes} shapes trained)");
        Fact(html, "design space", q.DesignSpace);
        Fact(html, "dataset", $"{d.Path} ({d.Format}, {d.Channels}×{d.Height}×{d.Width}, {d.Classes} classes; {d.TrainImages.ToString("N0", Ci)} train, {d.ValidationImages.ToString("N0", Ci)} validation, {d.TestImages.ToString("N0", Ci)} test images)");
        Fact(html, "training device", r.Devices.Training);
        Fact(html, "latency", $"{r.Devices.Latency}, batch {q.BatchSize}");
        Fact(html, "energy", r.Devices.Energy + (r.Devices.EnergyIsEstimate ? " (estimate)" : ""));
        Fact(html, "stopped", $"{s.StopReason}: {s.StopExplanation}");
        Fact(html, "shapes", $"{s.SpaceShapes} in the space, {s.FeasibleShapes} met the size, latency and energy limits, {s.TrainedShapes} trained ({s.TrainedFromScratch} from scratch, {s.FromCache} from the cache" +
            (s.SkippedShapes > 0 ? $", {s.SkippedShapes} not trainable" : "") + ")" + (s.Parallel > 1 ? $", {s.Parallel} at a time" : ""));
        Fact(html, "time", $"profiling {Figures.Seconds(s.ProfileSeconds)}, training {Figures.Seconds(s.TrainingSeconds)}, total {Figures.Seconds(s.TotalSeconds)}");
        if (r.RunnersUp.Count > 0) Fact(html, "runners-up", string.Join(", ", r.RunnersUp.Select(u => u.Training is { } t ? $"{u.Name} ({Figures.Percent(t.ValidationAccuracy)})" : u.Name)));
        Fact(html, "outputs", string.Join("  ·  ", new[] { r.Outputs.Onnx, r.Outputs.Code, r.Outputs.Report, r.Outputs.Html }.OfType<string>().Select(Path.GetFileName)));
        html.Append("</dl></section>\n");
    }

    /// <summary>The limits that are not on the plot's axes, as the user wrote them (e.g. <c>MaxSize=2000000B</c>).</summary>
    private static string OtherLimits(ReportPage page) =>
        string.Join("; ", page.Limits.ToString().Split("; ").Where(l => !l.StartsWith(page.Axis.LimitName + "=", StringComparison.Ordinal) && !l.StartsWith("MinAccuracy=", StringComparison.Ordinal) && l != "(none)"));

    private static string Card(string key, string value, string cls = "") =>
        $"<div class=\"card {cls}\"><div class=\"k\">{Html.Text(key)}</div><div class=\"v\">{Html.Text(value)}</div></div>";

    private static void Fact(StringBuilder html, string key, string value) => html.Append($"<dt>{Html.Text(key)}</dt><dd>{Html.Text(value)}</dd>");
}
