using System.Globalization;
using ShapeDnn.CodeGeneration;
using ShapeDnn.Constraints;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;
using ShapeDnn.Families;
using ShapeDnn.Training;

namespace ShapeDnn.Build.Tasks;

/// <summary>A problem found in a model's settings before the worker starts.</summary>
internal sealed record SettingError(ModelField Field, string Code, string Message);

/// <summary>
/// Checks a model's settings in the MSBuild node, in milliseconds, with the same parsers the engine
/// uses (ShapeDnn.Core has no native dependency), so that a typo fails the build at once with its
/// code instead of after the worker has loaded libtorch.
/// </summary>
internal static class RequestValidator
{
    private static readonly string[] Devices = ["auto", "cpu", "cuda"];

    public static IReadOnlyList<SettingError> Validate(ModelRequest model)
    {
        var errors = new List<SettingError>();
        void Check(ModelField field, Action parse)
        {
            try { parse(); }
            catch (ShapeDnnException e) { errors.Add(new SettingError(field, e.Code.ToCodeString(), e.Message)); }
        }

        Check(ModelField.ModelName, () => CSharpModelGenerator.ValidateClassName(model.Name));
        Check(ModelField.Namespace, () => CSharpModelGenerator.ValidateNamespace(model.Namespace));
        Check(ModelField.Constraints, () => ConstraintParser.Parse(model.Constraints));
        Check(ModelField.ClassLabels, () => ClassLabelList.Parse(string.IsNullOrEmpty(model.ClassLabelsFile) ? model.ClassLabels : model.ClassLabelsFile, Environment.CurrentDirectory));
        Check(ModelField.Access, () => GeneratedAccessParser.Parse(model.Access));
        Check(ModelField.Goal, () => GoalParser.Parse(model.Goal));
        Check(ModelField.Family, () => NetworkFamilies.ParseList(model.Family));
        // The space is read with the families asked for; with an unknown family (reported above) with the default one.
        Check(ModelField.DesignSpace, () => SearchSpaces.Parse(FamiliesOrDefault(model.Family), model.DesignSpace));
        Check(ModelField.Budget, () => TrainingBudget.Parse(model.Budget));
        Check(ModelField.BatchSize, () =>
        {
            if (!long.TryParse(model.BatchSize, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
                throw new ShapeDnnException(ErrorCode.BadOption, $"ShapeDnnBatchSize must be a whole number, not '{model.BatchSize}'.");
            if (Limits.BatchSizeProblem(n) is { } problem)
                throw new ShapeDnnException(ErrorCode.BadOption, $"ShapeDnnBatchSize: {problem}.");
        });
        Check(ModelField.Device, () =>
        {
            if (!Devices.Contains(model.Device, StringComparer.OrdinalIgnoreCase))
                throw new ShapeDnnException(ErrorCode.BadOption, $"ShapeDnnDevice '{model.Device}' is not one of auto, cpu, cuda.");
        });
        Check(ModelField.Dataset, () =>
        {
            if (string.IsNullOrWhiteSpace(model.Dataset))
                throw new ShapeDnnException(ErrorCode.DatasetMissing,
                    "No dataset given: set ShapeDnnDataset (or the Dataset metadata of the ShapeDnnModel item) to a folder in MNIST/IDX or CIFAR-10 binary layout.");
            if (DatasetLoader.FolderProblem(model.Dataset) is { } problem)
                throw new ShapeDnnException(ErrorCode.DatasetMissing,
                    $"The dataset folder '{model.Dataset}' {problem} (paths are relative to the project folder).");
        });
        Check(ModelField.LibTorchPath, () =>
        {
            if (!string.IsNullOrWhiteSpace(model.LibTorchPath) && DatasetLoader.FolderProblem(model.LibTorchPath) is { } problem)
                throw new ShapeDnnException(ErrorCode.NativeLibrary,
                    $"ShapeDnnLibTorchPath '{model.LibTorchPath}' {problem}; it must be the 'lib' folder of a libtorch, e.g. '<site-packages>/torch/lib'.");
        });
        Check(ModelField.CacheDir, () =>
        {
            if (!string.IsNullOrWhiteSpace(model.CacheDir) && File.Exists(model.CacheDir))
                throw new ShapeDnnException(ErrorCode.CacheNotWritable,
                    $"ShapeDnnCacheDir '{model.CacheDir}' is a file, not a folder; set it to a folder (it is created if missing).");
        });
        return errors;
    }

    private static string? FamiliesOrDefault(string families)
    {
        try
        {
            NetworkFamilies.ParseList(families);
            return families;
        }
        catch (ShapeDnnException)
        {
            return null;
        }
    }
}
