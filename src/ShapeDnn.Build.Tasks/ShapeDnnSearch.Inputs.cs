using ShapeDnn.Diagnostics;

namespace ShapeDnn.Build.Tasks;

public sealed partial class ShapeDnnSearch
{
    /// <summary>
    /// The target runs when any model's inputs changed; this per-model check spares the others: a
    /// model is current when both outputs are newer than its fingerprint file, which the targets
    /// rewrite only when a setting, the dataset's file list or a dataset file's time changed.
    /// </summary>
    private static bool UpToDate(ModelRequest model)
    {
        if (!File.Exists(model.CodeFile) || !File.Exists(model.OnnxFile)) return false;
        var oldestOutput = Min(File.GetLastWriteTimeUtc(model.CodeFile), File.GetLastWriteTimeUtc(model.OnnxFile));
        var newestInput = File.Exists(model.FingerprintFile) ? File.GetLastWriteTimeUtc(model.FingerprintFile) : DateTime.MaxValue;
        return oldestOutput >= newestInput;
    }

    /// <summary>The program to start and the arguments before the worker's own, for the models about to be searched.</summary>
    private (string FileName, IReadOnlyList<string> Prefix) ResolveWorker(IReadOnlyList<ModelRequest> models)
    {
        var first = models[0];
        string dll;
        if (!string.IsNullOrWhiteSpace(ToolPath))
        {
            if (!File.Exists(ToolPath))
                throw new ShapeDnnException(ErrorCode.BadOption, $"ShapeDnnToolPath '{ToolPath}' does not exist.");
            if (!ToolPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) return (ToolPath, []);
            dll = ToolPath;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(PackagedWorkerDirectory) || !Directory.Exists(PackagedWorkerDirectory))
                throw new ShapeDnnException(ErrorCode.Internal, $"The packaged worker folder '{PackagedWorkerDirectory}' does not exist; reinstall the ShapeDnn.Build package.");
            if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
                throw new ShapeDnnException(ErrorCode.NativeLibrary,
                    "The packaged ShapeDnn worker runs on linux-x64 only in this version; set ShapeDnnToolPath to a shapednn built for this machine.");
            // Where every model trains with its own libtorch (ShapeDnnLibTorchPath), the packaged CPU one is not needed at all.
            bool packagedLibTorch = models.Any(m => string.IsNullOrWhiteSpace(m.LibTorchPath));
            var folders = (NuGetPackageFolders ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (packagedLibTorch && folders.Length == 0)
                throw new ShapeDnnException(ErrorCode.NativeLibrary, "NuGetPackageFolders is not set; restore the project first ('dotnet restore').");
            var cacheRoot = string.IsNullOrWhiteSpace(first.CacheDir) ? ShapeDnn.Cache.CacheLocation.Default() : first.CacheDir;
            var folder = WorkerLayout.Materialize(PackagedWorkerDirectory, folders, cacheRoot, packagedLibTorch,
                m => Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, m));
            dll = Path.Combine(folder, "shapednn.dll");
        }
        var host = !string.IsNullOrWhiteSpace(DotnetHost) ? DotnetHost : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return (string.IsNullOrWhiteSpace(host) ? "dotnet" : host, ["exec", dll]);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
