using ShapeDnn.Data;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.Data;

public sealed class DatasetLoaderErrorTests
{
    private static ShapeDnnException LoadFails(string folder, ErrorCode code)
    {
        var e = Assert.Throws<ShapeDnnException>(() => DatasetLoader.Load(folder))!;
        Assert.That(e.Code, Is.EqualTo(code), e.Message);
        return e;
    }

    [Test]
    public void Missing_folder()
    {
        using var temp = new TempFolder();
        var e = LoadFails(temp["nope"], ErrorCode.DatasetMissing);
        Assert.That(e.Message, Does.Contain(temp["nope"]).And.Contain("does not exist"));
    }

    [Test]
    public void Folder_without_a_dataset_lists_what_is_expected_and_what_was_found()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["readme.txt"], "hi");
        var e = LoadFails(temp.Path, ErrorCode.DatasetMissing);
        Assert.That(e.Message, Does.Contain("No recognised dataset")
            .And.Contain("train-images-idx3-ubyte").And.Contain("data_batch_1.bin").And.Contain("readme.txt"));
    }

    [Test]
    public void Missing_idx_file_is_named()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: true);
        File.Delete(temp["t10k-labels-idx1-ubyte.gz"]);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMissing);
        Assert.That(e.Message, Does.Contain("t10k-labels-idx1-ubyte").And.Contain("missing"));
    }

    [Test]
    public void Missing_cifar_file_is_named()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteCifar(temp.Path);
        File.Delete(temp["data_batch_4.bin"]);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMissing);
        Assert.That(e.Message, Does.Contain("data_batch_4.bin").And.Contain("missing"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Wrong_magic_says_expected_and_found(bool gzip)
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip);
        // A label file where an image file belongs is the classic mix-up.
        DatasetFiles.Write(temp.Path, "train-images-idx3-ubyte", DatasetFiles.IdxImages(12, 4, 3, magic: 0x00000801), gzip);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("train-images-idx3-ubyte").And.Contain("magic")
            .And.Contain("expected 0x00000803").And.Contain("found 0x00000801"));
    }

    [Test]
    public void Zero_rows_is_an_inconsistent_dimension_header()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false);
        DatasetFiles.Write(temp.Path, "t10k-images-idx3-ubyte", DatasetFiles.IdxImages(5, 0, 3), gzip: false);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("t10k-images-idx3-ubyte").And.Contain("inconsistent dimension header"));
    }

    [Test]
    public void Header_declaring_fewer_bytes_than_the_file_holds_is_inconsistent()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: true);
        // 12 images of 4×3 declared as 12 images of 3×3: 36 bytes left over.
        var bytes = DatasetFiles.IdxImages(12, 4, 3);
        bytes[11] = 3;
        DatasetFiles.Write(temp.Path, "train-images-idx3-ubyte", bytes, gzip: true);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("train-images-idx3-ubyte.gz").And.Contain("36 bytes after"));
    }

    [Test]
    public void Test_images_of_other_geometry_than_training_images()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false);
        DatasetFiles.Write(temp.Path, "t10k-images-idx3-ubyte", DatasetFiles.IdxImages(5, 3, 4), gzip: false);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("t10k-images-idx3-ubyte").And.Contain("3x4").And.Contain("4x3"));
    }

    [Test]
    public void Label_count_differs_from_image_count()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false);
        DatasetFiles.Write(temp.Path, "train-labels-idx1-ubyte", DatasetFiles.IdxLabels(DatasetFiles.Labels(11, 10)), gzip: false);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("train-labels-idx1-ubyte").And.Contain("11 labels").And.Contain("12 images"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Truncated_content(bool gzip)
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip);
        // A complete gzip stream around short content: the IDX content itself is truncated.
        DatasetFiles.Write(temp.Path, "train-images-idx3-ubyte", DatasetFiles.IdxImages(12, 4, 3)[..^10], gzip);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("train-images-idx3-ubyte").And.Contain("truncated"));
    }

    [Test]
    public void Truncated_header()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false);
        DatasetFiles.Write(temp.Path, "t10k-labels-idx1-ubyte", [0, 0, 8], gzip: false);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("t10k-labels-idx1-ubyte").And.Contain("truncated").And.Contain("header"));
    }

    [Test]
    public void Truncated_gzip_stream()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: true, trainCount: 200);
        var gz = File.ReadAllBytes(temp["train-images-idx3-ubyte.gz"]);
        File.WriteAllBytes(temp["train-images-idx3-ubyte.gz"], gz[..(gz.Length / 2)]);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        // .NET's GZipStream reports a cut-off deflate stream as an early end, so this is "truncated".
        Assert.That(e.Message, Does.Contain("train-images-idx3-ubyte.gz").And.Contain("truncated").And.Contain("(decompressed)"));
    }

    [Test]
    public void Corrupt_gzip_stream()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: true);
        var gz = File.ReadAllBytes(temp["t10k-images-idx3-ubyte.gz"]);
        for (int i = 10; i < gz.Length - 8; i++) gz[i] = 0xFF; // keep the gzip header, destroy the deflate data
        File.WriteAllBytes(temp["t10k-images-idx3-ubyte.gz"], gz);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("t10k-images-idx3-ubyte.gz").And.Contain("corrupt"));
    }

    [Test]
    public void Not_gzip_at_all_despite_the_name()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: true);
        File.WriteAllBytes(temp["train-labels-idx1-ubyte.gz"], DatasetFiles.IdxLabels(DatasetFiles.Labels(12, 10)));
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("train-labels-idx1-ubyte.gz").And.Contain("gzip"));
    }

    [Test]
    public void Idx_test_label_beyond_the_training_classes()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false);
        DatasetFiles.Write(temp.Path, "t10k-labels-idx1-ubyte", DatasetFiles.IdxLabels(0, 1, 2, 12, 3), gzip: false);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("t10k-labels-idx1-ubyte").And.Contain("label 12 at index 3").And.Contain("0..9"));
    }

    [Test]
    public void Cifar_label_out_of_range()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteCifar(temp.Path);
        var batch = DatasetFiles.CifarBatch(3);
        batch[2 * 3073] = 10;
        File.WriteAllBytes(temp["data_batch_2.bin"], batch);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("data_batch_2.bin").And.Contain("label 10 in record 2"));
    }

    [Test]
    public void Cifar_truncated_record()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteCifar(temp.Path);
        File.WriteAllBytes(temp["test_batch.bin"], DatasetFiles.CifarBatch(3)[..^1]);
        var e = LoadFails(temp.Path, ErrorCode.DatasetMalformed);
        Assert.That(e.Message, Does.Contain("test_batch.bin").And.Contain("truncated").And.Contain("3072 bytes left over"));
    }
}
