using System.Text.Json.Serialization;
using ShapeDnn.Cache;

namespace ShapeDnn;

/// <summary>Source-generated JSON serialisation for everything ShapeDnn writes.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CachedTraining))]
[JsonSerializable(typeof(Reporting.SearchReport))]
[JsonSerializable(typeof(Training.EpochStatistics[]))]
internal sealed partial class ShapeDnnJsonContext : JsonSerializerContext;
