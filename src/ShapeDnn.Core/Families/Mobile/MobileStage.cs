namespace ShapeDnn.Families;

/// <summary>One row of MobileNetV2's bottleneck table (Sandler et al. 2018, table 2).</summary>
/// <param name="Expansion">Expansion factor t of the stage's blocks.</param>
/// <param name="BaseChannels">Output channels c at width multiplier 1, before rounding.</param>
/// <param name="BaseBlocks">Blocks n in MobileNetV2 (17 in all).</param>
/// <param name="ImageNetStride">Stride s of the stage's first block in the 224×224 network.</param>
public sealed record MobileStage(int Expansion, int BaseChannels, int BaseBlocks, int ImageNetStride);
