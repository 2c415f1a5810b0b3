using System.Runtime.CompilerServices;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>Files that live beside these tests in the source tree (the ONNX asset, the snapshots).</summary>
internal static class TestPaths
{
    /// <summary>This folder in the source tree; tests run where they were built, so the path is valid.</summary>
    public static string Folder { get; } = FolderOf();

    /// <summary>The tiny model satisfying the ONNX contract, made by <c>Assets/make_tiny_classifier.py</c>.</summary>
    public static string TinyClassifier => Path.Combine(Folder, "Assets", "tiny_classifier.onnx");

    /// <summary>Folder of the golden files.</summary>
    public static string Snapshots => Path.Combine(Folder, "Snapshots");

    private static string FolderOf([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
