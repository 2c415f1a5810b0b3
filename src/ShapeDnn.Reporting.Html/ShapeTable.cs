using System.Globalization;
using System.Text;
using ShapeDnn.Profiles;
using ShapeDnn.Reporting.Html.Page;
using ShapeDnn.Reporting.Html.Plots;

namespace ShapeDnn.Reporting.Html;

/// <summary>The table of every shape of the space: figures with where they come from, the filter's verdict, prediction and training.</summary>
internal static class ShapeTable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(StringBuilder html, ReportPage page)
    {
        var report = page.Report;
        int recipeEpochs = report.Request.Epochs;
        // The stop column only where some row has something to say (early stopping, an untrainable shape).
        bool stops = report.Shapes.Any(r => Stop(r) is not null);
        var rank = page.Points.Where(p => p.Rank > 0).ToDictionary(p => p.Name, p => p.Rank);
        // The family column only where a search spanned several families.
        bool families = report.Shapes.Select(r => r.Family).Distinct().Count() > 1;
        html.Append("<div class=\"scroll\"><table id=\"shapes\"><thead><tr>")
            .Append("<th class=\"l\">shape</th>").Append(families ? "<th class=\"l\">family</th>" : "").Append("<th>parameters</th><th>fp32 size</th>")
            .Append($"<th>latency (batch {report.Request.BatchSize.ToString(Ci)})</th><th>energy / pass</th><th class=\"l\">filter</th>")
            .Append("<th>predicted acc. (95 %)</th><th>validation acc.</th><th>test acc.</th><th>epochs</th>")
            .Append(stops ? "<th class=\"l\">training stop</th>" : "").Append("<th>training time</th>")
            .Append("</tr></thead><tbody>\n");
        foreach (var r in report.Shapes)
        {
            int place = rank.GetValueOrDefault(r.Name);
            string cls = place == 1 ? "chosen" : place > 1 ? "runner" : r.Feasible ? "" : "excluded";
            html.Append(cls.Length > 0 ? $"<tr class=\"{cls}\">" : "<tr>")
                .Append($"<td class=\"l\">{Html.Text(r.Name)}{(place == 1 ? "<span class=\"tag chosen\">chosen</span>" : place > 1 ? $"<span class=\"tag\">#{place.ToString(Ci)}</span>" : "")}</td>")
                .Append(families ? $"<td class=\"l\">{Html.Text(r.Family)}</td>" : "")
                .Append($"<td>{r.Parameters.ToString("N0", Ci)}</td><td>{Figures.Bytes(r.SizeBytes)}</td>")
                .Append($"<td>{Latency(r.Latency)}</td><td>{Energy(r.Energy)}</td>")
                .Append(r.Feasible ? "<td class=\"l\">feasible</td>" : $"<td class=\"why\">excluded: {Html.Text(r.ExcludedBy)}</td>")
                .Append($"<td>{Prediction(r)}</td>")
                .Append($"<td>{(r.Training is { } t ? Figures.Percent(t.ValidationAccuracy) : "")}</td>")
                .Append($"<td>{(r.Training is { } u ? Figures.Percent(u.TestAccuracy) : "")}</td>")
                .Append($"<td>{Epochs(r.Training, recipeEpochs)}</td>")
                .Append(stops ? $"<td class=\"why\">{Html.Text(Stop(r))}</td>" : "")
                .Append($"<td>{TrainingTime(r.Training)}</td>")
                .Append("</tr>\n");
        }
        html.Append("</tbody></table></div>\n");
    }

    private static string Latency(LatencyMeasurement? l) => l is null ? "" : Figures.Ms(l.MedianMilliseconds) + Tag(l.Source);

    private static string Energy(EnergyFigure? e) => e is null ? "" : e.Millijoules.ToString("0.###", Ci) + " mJ" + Tag(e.Source);

    private static string Tag(FigureSource source) => source switch
    {
        FigureSource.Measured => "<span class=\"tag\">measured</span>",
        FigureSource.Predicted => "<span class=\"tag pred\">predicted</span>",
        _ => "<span class=\"tag est\">estimated</span>",
    };

    private static string Prediction(ShapeRow r) => r.PredictedAccuracy is not { } p ? ""
        : Figures.Percent(p) + (r.PredictedAccuracyStd is { } s ? $" ± {(TradeOffPlot.IntervalSigmas * s * 100).ToString("0.0", Ci)}" : "");

    private static string Epochs(TrainingRow? t, int recipe)
    {
        if (t is null) return "";
        int trained = t.TrainedEpochs ?? t.Epochs.Count;
        return $"{trained.ToString(Ci)} / {recipe.ToString(Ci)}" + (trained < recipe ? "<span class=\"tag stop\">early</span>" : "");
    }

    private static string? Stop(ShapeRow r) => r.Training?.TrainingStop ?? (r.TrainingSkipped is { } skipped ? "not trained: " + skipped : null);

    private static string TrainingTime(TrainingRow? t) => t is null ? "" : Figures.Seconds(t.TrainingSeconds) + (t.FromCache ? "<span class=\"tag\">cached</span>" : "");
}
