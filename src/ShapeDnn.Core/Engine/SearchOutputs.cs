using System.Text.Json;
using ShapeDnn.Cache;
using ShapeDnn.CodeGeneration;
using ShapeDnn.Data;
using ShapeDnn.Diagnostics;
using ShapeDnn.Profiles;
using ShapeDnn.Reporting;
using ShapeDnn.Tensors;

namespace ShapeDnn.Engine;

/// <summary>
/// The four files a search delivers — <c>N.onnx</c>, <c>N.g.cs</c>, <c>N.report.json</c>, <c>N.report.html</c> —
/// and the checks that make a failed or interrupted search leave none of them half-written.
/// </summary>
internal sealed class SearchOutputs
{
    private readonly SearchRequest _request;
    private readonly IReportRenderer _renderer;

    /// <summary>Resolves the output paths and checks, before any work, that the folder can be written.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.OutputNotWritable"/>.</exception>
    public SearchOutputs(SearchRequest request, IReportRenderer renderer)
    {
        _request = request;
        _renderer = renderer;
        var folder = Path.GetFullPath(request.OutputFolder);
        Onnx = Path.Combine(folder, request.ModelName + ".onnx");
        Code = Path.Combine(folder, request.ModelName + ".g.cs");
        Report = Path.Combine(folder, request.ModelName + ".report.json");
        Html = Path.Combine(folder, request.ModelName + renderer.FileSuffix);
        PrepareFolder(request.OutputFolder);
    }

    /// <summary>Path of the network.</summary>
    public string Onnx { get; }

    /// <summary>Path of the generated class.</summary>
    public string Code { get; }

    /// <summary>Path of the report.</summary>
    public string Report { get; }

    /// <summary>Path of the human-readable report (plots and the table of all shapes).</summary>
    public string Html { get; }

    /// <summary>Renders everything first, then writes each file atomically, so a failure cannot leave a mix of old and new outputs.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.OutputNotWritable"/>.</exception>
    public void Write(IModelExporter exporter, ShapeProfile chosen, IReadOnlyList<NamedTensor> weights, ChannelNormalization normalization,
        CachedTraining metrics, LoadedDataset dataset, IReadOnlyList<string>? classLabels, SearchReport report)
    {
        var code = CSharpModelGenerator.Generate(new GeneratedModelDescription
        {
            ClassName = _request.ModelName,
            Namespace = _request.Namespace,
            OnnxFileName = Path.GetFileName(Onnx),
            Input = chosen.Plan.Input,
            ClassLabels = classLabels,
            Access = _request.Access,
            Shape = chosen.Shape,
            ParameterCount = chosen.Plan.ParameterCount,
            Fp32SizeBytes = chosen.Plan.Fp32SizeBytes,
            ValidationAccuracy = metrics.ValidationAccuracy,
            TestAccuracy = metrics.TestAccuracy,
            Latency = chosen.Latency!,
            Energy = chosen.Energy!,
            DatasetName = $"{Path.GetFileName(Path.GetFullPath(_request.DatasetFolder).TrimEnd(Path.DirectorySeparatorChar))} ({dataset.Format})",
            DatasetHash = dataset.ContentHash,
            ToolVersion = SearchEngine.ToolVersion,
        });
        var json = JsonSerializer.Serialize(report, ShapeDnnJsonContext.Default.SearchReport);
        var html = _renderer.Render(report);
        var staged = new List<(string Temp, string Final)>();
        try
        {
            // Every file whole on disk under a temporary name first, so that only renames remain once the work is done.
            staged.Add((AtomicFile.TempPathFor(Onnx), Onnx));
            exporter.Write(chosen.Plan, weights, normalization, classLabels, staged[0].Temp);
            staged.Add((AtomicFile.TempPathFor(Code), Code));
            AtomicFile.WriteAllText(staged[1].Temp, code);
            staged.Add((AtomicFile.TempPathFor(Html), Html));
            AtomicFile.WriteAllText(staged[2].Temp, html);
            staged.Add((AtomicFile.TempPathFor(Report), Report));
            AtomicFile.WriteAllText(staged[3].Temp, json);
            // The old report goes first and the new one comes last: a report present always describes the files beside it,
            // even after a kill between two renames (each file is old or new, never partial; the next run writes them all).
            File.Delete(Report);
            for (int i = 0; i < staged.Count; i++)
            {
                File.Move(staged[i].Temp, staged[i].Final, overwrite: true);
                if (i == 0) OutputsTestHook.HoldAfterFirstOutput();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.OutputNotWritable, $"Cannot write the outputs to '{_request.OutputFolder}': {ex.Message}", ex);
        }
        finally
        {
            foreach (var (temp, _) in staged) AtomicFile.TryDelete(temp);
        }
    }

    private static void PrepareFolder(string folder)
    {
        try
        {
            // An unpredictable, exclusively created probe: a link planted in the folder is never followed.
            WriteProbe.Check(folder);
            AtomicFile.RemoveStaleTemporaries(folder, TimeSpan.FromMinutes(1));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.OutputNotWritable, $"The output folder '{folder}' cannot be created or written: {ex.Message}", ex);
        }
    }
}
