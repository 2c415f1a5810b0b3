using System.Globalization;
using ShapeDnn.Reporting;

namespace ShapeDnn.Cli.Output;

/// <summary>The final summary: the chosen shape and runners-up with their figures, and where the outputs are.</summary>
internal static class ResultPrinter
{
    public static void Print(SearchReport report, TextWriter w)
    {
        var table = new TextTable("", "shape", "parameters", "size", "latency (batch " + report.Request.BatchSize.ToString(CultureInfo.InvariantCulture) + ")", "energy", "val. acc.", "test acc.");
        void Add(string mark, ShapeRow r) => table.Add(mark, r.Name, Format.Count(r.Parameters), Format.Bytes(r.SizeBytes), Format.Latency(r.Latency),
            Format.Energy(r.Energy), r.Training is null ? "-" : Format.Percent(r.Training.ValidationAccuracy), r.Training is null ? "-" : Format.Percent(r.Training.TestAccuracy));
        Add("chosen", report.Chosen);
        foreach (var r in report.RunnersUp) Add("", r);

        var s = report.Search;
        w.WriteLine();
        w.WriteLine(table.Render());
        w.WriteLine();
        w.WriteLine($"Goal {report.Request.Goal} under {report.Request.Constraints}.");
        w.WriteLine($"Trained {s.TrainedShapes} of {s.FeasibleShapes} feasible shapes ({s.SpaceShapes} in the space; {s.FromCache} from the cache); stopped: {s.StopExplanation}.");
        w.WriteLine($"Latency: {report.Devices.Latency}. Energy: {report.Devices.Energy}.");
        var p = report.Profiling;
        if (p.Measured + p.Predicted > 0)
            w.WriteLine($"Profiling: {p.Measured} shapes measured, {p.Predicted} predicted, {p.NotMeasured} excluded unmeasured; {p.Method}" +
                (p.LatencyMedianError is { } median ? $"; latency prediction error on {p.LatencyHoldOut.Count} held-out shapes: median {Format.Percent(median)}, max {Format.Percent(p.LatencyMaxError!.Value)}" : "") +
                (p.EnergyMedianError is { } energy ? $"; energy: median {Format.Percent(energy)}, max {Format.Percent(p.EnergyMaxError!.Value)}" : "") + ".");
        foreach (var refused in p.Unmeasurable) w.WriteLine($"Not measurable: {refused}");
        w.WriteLine($"Time: profiling {Format.Seconds(s.ProfileSeconds)}, training {Format.Seconds(s.TrainingSeconds)}, total {Format.Seconds(s.TotalSeconds)}.");
        w.WriteLine($"Wrote {report.Outputs.Onnx}");
        w.WriteLine($"      {report.Outputs.Code}");
        w.WriteLine($"      {report.Outputs.Report}");
        if (report.Outputs.Html is { } html) w.WriteLine($"Report: {html}");
    }
}
