using ShapeDnn.Data;
using ShapeDnn.Diagnostics;
using ShapeDnn.Engine;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Data;

/// <summary>Datasets that are unusable rather than malformed, and messages about the wrong kind of path (issue 10).</summary>
public class DatasetBadInputTests
{
    private static readonly TrainingRecipe Recipe = new(Epochs: 1, TrainSubset: null, ValidationCount: 100, TestSubset: null);

    [Test]
    public void Should_say_a_dataset_path_is_a_file_not_that_it_does_not_exist()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["file"], "x");
        var e = Assert.Throws<ShapeDnnException>(() => DatasetLoader.Load(temp["file"]))!;
        Assert.That(e.Message, Does.Contain("is a file, not a folder"));
    }

    [Test]
    public void Should_say_a_dataset_file_is_a_folder_not_that_it_is_missing()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false);
        File.Delete(temp["train-labels-idx1-ubyte"]);
        Directory.CreateDirectory(temp["train-labels-idx1-ubyte"]);
        var e = Assert.Throws<ShapeDnnException>(() => DatasetLoader.Load(temp.Path))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.DatasetMalformed));
        Assert.That(e.Message, Does.Contain("is a folder, not a file").And.Not.Contain("missing"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Should_not_allocate_what_a_header_promises_but_the_file_does_not_hold(bool gzip)
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip);
        // A header alone (no pixels) that promises two billion images of one pixel.
        DatasetFiles.Write(temp.Path, "train-images-idx3-ubyte", Promise(DatasetFiles.IdxImages(0, 1, 1), 2_000_000_000), gzip);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ShapeDnnException>(() => DatasetLoader.Load(temp.Path))!;
        Assert.That(e.Message, Does.Contain("truncated"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64L << 20), "two billion promised bytes must not be allocated");
    }

    private static byte[] Promise(byte[] header, int count)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
        return header;
    }

    [Test]
    public void Should_refuse_a_dataset_of_one_image_with_a_code()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false, trainCount: 1, testCount: 1, rows: 8, columns: 8);
        var dataset = DatasetLoader.Load(temp.Path);
        var e = Assert.Throws<ShapeDnnException>(() => SearchEngine.SplitFor(dataset, Recipe))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.DatasetMalformed));
        Assert.That(e.Message, Does.Contain("holds 1 training image"));
    }

    [Test]
    public void Should_refuse_images_smaller_than_the_network_can_take()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false, trainCount: 60, rows: 1, columns: 1);
        var dataset = DatasetLoader.Load(temp.Path);
        var e = Assert.Throws<ShapeDnnException>(() => SearchEngine.SplitFor(dataset, Recipe))!;
        Assert.That(e.Message, Does.Contain($"at least {Limits.MinImageSide}x{Limits.MinImageSide}"));
    }

    [Test]
    public void Should_say_when_the_data_cannot_give_what_the_budget_asks()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false, trainCount: 60, testCount: 20, rows: 8, columns: 8);
        var dataset = DatasetLoader.Load(temp.Path);
        var warnings = new List<string>();

        var split = SearchEngine.SplitFor(dataset, Recipe with { TrainSubset = 1000, TestSubset = 500 }, warnings.Add);

        Assert.That(split.Validation.Count, Is.EqualTo(10));
        Assert.That(warnings, Has.Count.EqualTo(3).And.All.StartWith("SDNN022: "));
        Assert.That(warnings, Has.Some.Contains("subset=1,000").And.Some.Contains("test=500").And.Some.Contains("100 validation images"));
    }

    [Test]
    public void Should_warn_about_nothing_when_the_data_gives_what_is_asked()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false, trainCount: 660, testCount: 20, rows: 8, columns: 8);
        var warnings = new List<string>();
        SearchEngine.SplitFor(DatasetLoader.Load(temp.Path), Recipe with { TrainSubset = 500, TestSubset = 20 }, warnings.Add);
        Assert.That(warnings, Is.Empty);
    }
}
