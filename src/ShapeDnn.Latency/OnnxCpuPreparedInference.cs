using ShapeDnn.Profiles;
using Microsoft.ML.OnnxRuntime;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Latency;

/// <summary>One ONNX Runtime CPU session of a model and a fixed input batch, run the way the generated app runs it.</summary>
internal sealed class OnnxCpuPreparedInference : IPreparedInference
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _input;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxCpuPreparedInference(byte[] model, NetworkPlan plan, int batchSize, int intraOpThreads, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _options = OnnxCpuSessionSettings.Create(intraOpThreads);
        try
        {
            _session = new InferenceSession(model, _options);
            _runOptions = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            _inputNames = [_session.InputNames.Single()];
            // The app reads both logits and probabilities; asking for all outputs keeps the
            // softmax in the measured work.
            _outputNames = [.. _session.OutputNames];

            var input = plan.Input;
            var pixels = new float[(long)batchSize * input.PixelCount];
            var random = new Random(seed);
            for (int i = 0; i < pixels.Length; i++) pixels[i] = random.Next(256);
            _input = OrtValue.CreateTensorValueFromMemory(pixels, [batchSize, input.Channels, input.Height, input.Width]);
        }
        catch
        {
            _session?.Dispose();
            _runOptions?.Dispose();
            _options.Dispose();
            throw;
        }
    }

    public void Run(int passes)
    {
        // CPU inference is synchronous: each call returns with its outputs computed.
        for (int i = 0; i < passes; i++)
        {
            using var outputs = _session.Run(_runOptions, _inputNames, [_input], _outputNames);
        }
    }

    public void Dispose()
    {
        _input.Dispose();
        _session.Dispose();
        _runOptions.Dispose();
        _options.Dispose();
    }
}
