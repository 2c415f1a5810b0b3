namespace ShapeDnn.Data;

/// <summary>The three disjoint parts training and reporting use.</summary>
/// <param name="Train">Images the network is trained on.</param>
/// <param name="Validation">Held-out training images; accuracy limits and the goal are judged on these.</param>
/// <param name="Test">Test images; only reported.</param>
public sealed record DatasetSplit(ImageDataset Train, ImageDataset Validation, ImageDataset Test);
