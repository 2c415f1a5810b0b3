namespace ShapeDnn.Data;

/// <summary>A dataset as read from disk: its training and test images and what identifies it.</summary>
/// <param name="Format">The format that was recognised: <see cref="DatasetLoader.IdxFormat"/> or <see cref="DatasetLoader.CifarFormat"/>.</param>
/// <param name="Train">All training images (validation is split off later, see <see cref="DatasetSplitter"/>).</param>
/// <param name="Test">The test images; only ever reported, never used to choose a shape.</param>
/// <param name="ContentHash">Lower-case hex SHA-256 over the exact bytes of <paramref name="Files"/>, in that order.</param>
/// <param name="Files">Full paths of the files read, in the order they were hashed.</param>
public sealed record LoadedDataset(
    string Format,
    ImageDataset Train,
    ImageDataset Test,
    string ContentHash,
    IReadOnlyList<string> Files);
