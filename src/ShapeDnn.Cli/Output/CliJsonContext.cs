using System.Text.Json.Serialization;
using ShapeDnn.Reporting;

namespace ShapeDnn.Cli.Output;

/// <summary>Source-generated JSON for <c>--json</c>, the same shape as <c>N.report.json</c>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SearchReport))]
[JsonSerializable(typeof(ShapeDnn.Cli.Training.TrainSummary))]
[JsonSerializable(typeof(ShapeDnn.Training.TrainingRecipe))]
[JsonSerializable(typeof(ShapeDnn.Replay.ReplayResult))]
[JsonSerializable(typeof(ShapeDnn.Cli.Commands.NodeReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
