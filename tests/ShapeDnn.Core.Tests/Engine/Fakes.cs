using ShapeDnn.Cache;
using ShapeDnn.Core.Tests.Search;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Engine;
using ShapeDnn.Reporting;
using ShapeDnn.Tensors;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Engine;

/// <summary>Trains nothing: returns the synthetic accuracy surface and random weights, and counts calls.</summary>
internal sealed class FakeTrainer : IShapeTrainer
{
    public List<Shape> Trained { get; } = [];
    public int? CancelOnCall { get; set; }
    public CancellationTokenSource? Cancellation { get; set; }
    public string DeviceDescription => "fake trainer";
    public string Arithmetic { get; set; } = "fp32";

    public TrainingResult Train(NetworkPlan plan, TrainingData data, TrainingRecipe recipe, TrainingControl control, CancellationToken cancellationToken)
    {
        if (Trained.Count + 1 == CancelOnCall) Cancellation!.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        Trained.Add(plan.Shape);
        control.Progress?.Report(new TrainingProgress(1, 1, 1, 1, 0.5, TimeSpan.FromSeconds(1)));
        double accuracy = SyntheticAccuracy.Of(plan.Shape);
        return new TrainingResult(accuracy, accuracy - 0.01, [new EpochStatistics(1, 0.5, accuracy, 1, 1000)], 1.0, 100, RandomWeights.Create(plan, 3));
    }
}

/// <summary>Writes the weights as a tensor file: enough to check that the chosen network's weights reach the output.</summary>
internal sealed class FakeExporter : IModelExporter
{
    public string Extension => ".onnx";

    public void Write(NetworkPlan plan, IReadOnlyList<NamedTensor> weights, ChannelNormalization normalization, IReadOnlyList<string>? classLabels, string path) =>
        AtomicFile.WriteAllBytes(path, TensorFile.Serialize(weights));
}

/// <summary>Renders the chosen shape's name: enough to check that the engine writes the page with the report it wrote as JSON.</summary>
internal sealed class FakeReportRenderer : IReportRenderer
{
    public string FileSuffix => ".report.html";

    public string Render(SearchReport report) => $"<p>{report.Chosen.Name}</p>";
}

/// <summary>Collects warnings, phases and the search's progress.</summary>
internal sealed class RecordingObserver : ISearchObserver
{
    public List<string> Warnings { get; } = [];
    public List<SearchPhase> Phases { get; } = [];
    public List<SearchProgress> Progress { get; } = [];
    public void Warning(string message) => Warnings.Add(message);
    public void Phase(SearchPhase phase, string description) => Phases.Add(phase);
    public void SearchProgress(SearchProgress progress) => Progress.Add(progress);
}
