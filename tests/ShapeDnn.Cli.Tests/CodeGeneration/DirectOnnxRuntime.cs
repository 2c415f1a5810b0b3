using Microsoft.ML.OnnxRuntime;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>The reference: the model run with ONNX Runtime directly, without generated code.</summary>
internal static class DirectOnnxRuntime
{
    /// <summary>The <c>probabilities</c> output, one row per image, for raw pixel bytes of <paramref name="count"/> images.</summary>
    public static float[][] Probabilities(string modelPath, byte[] pixels, int count, int channels, int height, int width)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(modelPath, options);
        float[] input = pixels.Select(p => (float)p).ToArray();
        using var value = OrtValue.CreateTensorValueFromMemory(input, [count, channels, height, width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["pixels"], [value], ["probabilities"]);
        var flat = outputs.First().GetTensorDataAsSpan<float>().ToArray();
        int classes = flat.Length / count;
        return Enumerable.Range(0, count).Select(i => flat.AsSpan(i * classes, classes).ToArray()).ToArray();
    }

    /// <summary>Deterministic pixel bytes covering the whole 0…255 range.</summary>
    public static byte[] Pixels(int count, int seed)
    {
        var bytes = new byte[count * SampleDescriptions.TinyInput.PixelCount];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
