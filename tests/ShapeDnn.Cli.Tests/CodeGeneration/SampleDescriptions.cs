using ShapeDnn.CodeGeneration;
using ShapeDnn.DesignSpace;
using ShapeDnn.Profiles;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>Descriptions used across the code-generation tests.</summary>
internal static class SampleDescriptions
{
    /// <summary>Geometry of <see cref="TestPaths.TinyClassifier"/>: 3×4×5 images, 4 classes.</summary>
    public static readonly InputShape TinyInput = new(3, 4, 5, 4);

    /// <summary>A realistic description, the one the snapshot shows.</summary>
    public static GeneratedModelDescription Fashion() => new()
    {
        ClassName = "FashionClassifier",
        Namespace = "MyApp.Models",
        OnnxFileName = "FashionClassifier.onnx",
        Input = new InputShape(1, 28, 28, 10),
        ClassLabels = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        Shape = new Shape(16, 1.5),
        ParameterCount = 394_474,
        Fp32SizeBytes = 1_584_936,
        ValidationAccuracy = 0.9312,
        TestAccuracy = 0.9287,
        Latency = new LatencyMeasurement(0.84, 0.81, 0.93, 200, 1, "Intel Xeon Platinum 8480+ (2 threads), ONNX Runtime 1.31.1 CPU"),
        Energy = new EnergyFigure(12.6, FigureSource.Estimated, "estimate: 15 W assumed × latency"),
        DatasetName = "fashion-mnist",
        DatasetHash = "sha256:5c6bd3f1e0a1",
        ToolVersion = "0.1.0",
    };

    /// <summary>A description of <see cref="TestPaths.TinyClassifier"/>, with labels that need escaping.</summary>
    public static GeneratedModelDescription Tiny(string className = "TinyClassifier", string onnxFileName = "TinyClassifier.onnx") =>
        Fashion() with
        {
            ClassName = className,
            Namespace = "ShapeDnn.Generated.Tests",
            OnnxFileName = onnxFileName,
            Input = TinyInput,
            ClassLabels = ["quote \"q\"", "back\\slash", "ends */ here", "two\nlines"],
            Shape = new Shape(10, 1),
            ParameterCount = 244,
            Fp32SizeBytes = 976,
            TestAccuracy = null,
            Latency = new LatencyMeasurement(0.02, 0.018, 0.03, 0, 4, "predicted CPU", FigureSource.Predicted),
            Energy = new EnergyFigure(0.3, FigureSource.Measured, "RAPL package counter"),
            DatasetName = "tiny",
        };
}
