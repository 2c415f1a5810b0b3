using static ShapeDnn.Cli.Tests.BadInput.CliCases;

namespace ShapeDnn.Cli.Tests.BadInput;

/// <summary>Datasets that are missing, malformed or unusable (see <see cref="MalformedDatasets"/>), given to <c>search</c>.</summary>
internal static class DatasetCases
{
    private static BadInputCase Data(string name, string code, string fragment, string folder) => SearchWith(name, code, fragment, ("--data", folder));

    public static IEnumerable<BadInputCase> Datasets() =>
    [
        Data("dataset folder does not exist", "SDNN010", "does not exist", "{missing}"),
        Data("dataset is a regular file", "SDNN010", "is a file, not a folder", "{file}"),
        Data("empty dataset folder name", "SDNN009", "--data needs a value", ""),
        SearchWith("no dataset", "SDNN009", "--data is required", ("--data", null)),
        Data("empty dataset folder", "SDNN010", "The folder is empty", "{ds:empty-folder}"),
        Data("folder without a dataset", "SDNN010", "Found: notes.txt", "{ds:unrelated-files}"),
        Data("IDX image file with the wrong magic", "SDNN011", "wrong magic number", "{ds:idx-wrong-magic}"),
        Data("IDX label file with the wrong magic", "SDNN011", "wrong magic number for an IDX label file", "{ds:idx-wrong-label-magic}"),
        Data("IDX label count differs from the images", "SDNN011", "the counts must match", "{ds:idx-label-count-differs}"),
        Data("IDX test label count differs", "SDNN011", "the counts must match", "{ds:idx-test-label-count-differs}"),
        Data("IDX truncated gzip", "SDNN011", "truncated", "{ds:idx-truncated-gzip}"),
        Data("IDX empty image file", "SDNN011", "truncated", "{ds:idx-empty-file}"),
        Data("IDX truncated header", "SDNN011", "header", "{ds:idx-truncated-header}"),
        Data("IDX truncated pixels", "SDNN011", "truncated", "{ds:idx-truncated-pixels}"),
        Data("IDX bytes after the content", "SDNN011", "bytes after the", "{ds:idx-trailing-bytes}"),
        Data("IDX folder where a file belongs", "SDNN011", "is a folder, not a file", "{ds:idx-folder-instead-of-file}"),
        Data("IDX test images missing", "SDNN010", "is missing", "{ds:idx-missing-test-files}"),
        Data("IDX without images", "SDNN011", "expected at least one image", "{ds:idx-zero-images}"),
        Data("dataset of one image", "SDNN011", "holds 1 training image", "{ds:idx-one-image}"),
        Data("dataset of five images", "SDNN011", "holds 5 training images", "{ds:idx-five-images}"),
        Data("images of one pixel", "SDNN011", "at least 4x4", "{ds:idx-1x1-pixels}"),
        Data("images of 3x3 pixels", "SDNN011", "at least 4x4", "{ds:idx-3x3-pixels}"),
        Data("IDX test images of another size", "SDNN011", "inconsistent dimension header", "{ds:idx-test-geometry-differs}"),
        Data("IDX header with sides of 100,000", "SDNN011", "sides 1..4096", "{ds:idx-huge-side}"),
        Data("IDX header with a negative count", "SDNN011", "expected at least one image", "{ds:idx-negative-count}"),
        Data("IDX header promising two billion images costs no memory", "SDNN011", "truncated", "{ds:idx-header-promises-2e9-images}"),
        Data("gzip IDX header promising two billion images costs no memory", "SDNN011", "truncated", "{ds:idx-gzip-header-promises-2e9-images}"),
        Data("IDX test label outside the training classes", "SDNN011", "outside the range", "{ds:idx-test-label-out-of-range}"),
        Data("IDX file named .gz that is not gzip", "SDNN011", "gzip", "{ds:idx-not-gzip-named-gz}"),
        Data("CIFAR truncated record", "SDNN011", "not a whole number of 3073-byte", "{ds:cifar-truncated-record}"),
        Data("CIFAR label outside 0..9", "SDNN011", "outside the CIFAR-10 range", "{ds:cifar-label-out-of-range}"),
        Data("CIFAR batch missing", "SDNN010", "data_batch_3.bin' is missing", "{ds:cifar-missing-batch}"),
        Data("CIFAR empty test batch", "SDNN011", "is empty", "{ds:cifar-empty-batch}"),
        Data("CIFAR folder where a batch belongs", "SDNN011", "is a folder, not a file", "{ds:cifar-folder-instead-of-batch}"),
    ];
}
