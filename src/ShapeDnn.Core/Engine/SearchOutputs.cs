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
/// The three files a search delivers — <c>N.onnx</c>, <c>N.g.cs</c>, <c>N.report.json</c> — and the
/// checks that make a failed or interrupted search leave none of them half-written.
/// </summary>
internal sealed class SearchOutputs
{
    private readonly SearchRequest _request;

    /// <summary>Resolves the output paths and checks, before any work, that the folder can be written.</summary>
    /// <exception cref="ShapeDnnException"><see cref="ErrorCode.OutputNotWritable"/>.</exception>
    public SearchOutputs(SearchRequest request)
    {
        _request = request;
        var folder = Path.GetFullPath(request.OutputFolder);
        Onnx = Path.Combine(folder, request.ModelName + ".onnx");
        Code = Path.Combine(folder, request.ModelName + ".g.cs");
        Report = Path.Combine(folder, request.ModelName + ".report.json");
        PrepareFolder(request.OutputFolder);
    }

    /// <summary>Path of the network.</summary>
    public string Onnx { get; }

    /// <summary>Path of the generated class.</summary>
    public string Code { get; }

    /// <summary>Path of the report.</summary>
    public string Report { get; }

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
        try
        {
            exporter.Write(chosen.Plan, weights, normalization, classLabels, Onnx);
            AtomicFile.WriteAllText(Code, code);
            AtomicFile.WriteAllText(Report, json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.OutputNotWritable, $"Cannot write the outputs to '{_request.OutputFolder}': {ex.Message}", ex);
        }
    }

    private static void PrepareFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".shapednn-write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            AtomicFile.RemoveStaleTemporaries(folder, TimeSpan.FromMinutes(1));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.OutputNotWritable, $"The output folder '{folder}' cannot be created or written: {ex.Message}", ex);
        }
    }
}
