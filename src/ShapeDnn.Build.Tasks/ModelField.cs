using ShapeDnn.Diagnostics;

namespace ShapeDnn.Build.Tasks;

/// <summary>The setting of a model a diagnostic is about, so that it can point at the line that sets it.</summary>
internal enum ModelField
{
    Model,
    Constraints,
    Goal,
    Dataset,
    ModelName,
    Namespace,
    Device,
    BatchSize,
    Budget,
    DesignSpace,
    LibTorchPath,
    ClassLabels,
    Access,
    CacheDir,
    Family,
}

/// <summary>Maps a field to its MSBuild names and a worker's error code to the field it most likely concerns.</summary>
internal static class ModelFields
{
    /// <summary>The single-model property that sets <paramref name="field"/>, e.g. <c>ShapeDnnConstraints</c>.</summary>
    public static string PropertyName(this ModelField field) => field switch
    {
        ModelField.Model => "ShapeDnnConstraints",
        _ => "ShapeDnn" + field,
    };

    /// <summary>The metadata of a <c>ShapeDnnModel</c> item that sets <paramref name="field"/>.</summary>
    public static string MetadataName(this ModelField field) => field.ToString();

    /// <summary>The field a worker diagnostic is most likely about; <see cref="ModelField.Model"/> when unknown.</summary>
    public static ModelField ForCode(ErrorCode code) => code switch
    {
        ErrorCode.ConstraintSyntax or ErrorCode.UnknownConstraint or ErrorCode.BadNumber or ErrorCode.BadUnit
            or ErrorCode.ContradictoryConstraints or ErrorCode.Infeasible or ErrorCode.AccuracyNotReached
            or ErrorCode.EnergyEstimate => ModelField.Constraints,
        ErrorCode.MissingGoal or ErrorCode.UnknownGoal => ModelField.Goal,
        ErrorCode.BadDesignSpace => ModelField.DesignSpace,
        ErrorCode.BudgetAdjusted => ModelField.Budget,
        ErrorCode.DatasetMissing or ErrorCode.DatasetMalformed => ModelField.Dataset,
        ErrorCode.NativeLibrary => ModelField.LibTorchPath,
        ErrorCode.CacheNotWritable => ModelField.CacheDir,
        ErrorCode.DeviceUnavailable => ModelField.Device,
        ErrorCode.ClassLabels => ModelField.ClassLabels,
        _ => ModelField.Model,
    };
}
