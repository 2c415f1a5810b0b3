using System.Security.Cryptography;
using ShapeDnn.Data;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Core.Tests.Data;

public sealed class DatasetLoaderTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void Idx_loads_images_labels_geometry_and_classes(bool gzip)
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip);

        var data = DatasetLoader.Load(temp.Path);

        Assert.That(data.Format, Is.EqualTo(DatasetLoader.IdxFormat));
        Assert.That(data.Train.Shape, Is.EqualTo(new InputShape(1, 4, 3, 10)));
        Assert.That(data.Test.Shape, Is.EqualTo(data.Train.Shape));
        Assert.That(data.Train.Count, Is.EqualTo(12));
        Assert.That(data.Test.Count, Is.EqualTo(5));
        Assert.That(data.Train.Pixels, Is.EqualTo(DatasetFiles.IdxImages(12, 4, 3, seed: 1)[16..]));
        Assert.That(data.Test.Pixels, Is.EqualTo(DatasetFiles.IdxImages(5, 4, 3, seed: 2)[16..]));
        Assert.That(data.Train.Labels, Is.EqualTo(DatasetFiles.Labels(12, 10)));
        Assert.That(data.Files.Select(Path.GetFileName), Is.EqualTo(
            DatasetLoader.IdxFileNames.Select(n => gzip ? n + ".gz" : n)));
    }

    [Test]
    public void Content_hash_is_sha256_over_the_files_in_fixed_order()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: true);

        var data = DatasetLoader.Load(temp.Path);

        var expected = SHA256.HashData(DatasetLoader.IdxFileNames.SelectMany(n => File.ReadAllBytes(temp[n + ".gz"])).ToArray());
        Assert.That(data.ContentHash, Is.EqualTo(Convert.ToHexStringLower(expected)));
        Assert.That(DatasetLoader.Load(temp.Path).ContentHash, Is.EqualTo(data.ContentHash));
    }

    [Test]
    public void Content_hash_changes_when_one_pixel_changes()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false);
        string before = DatasetLoader.Load(temp.Path).ContentHash;

        var bytes = File.ReadAllBytes(temp["t10k-images-idx3-ubyte"]);
        bytes[^1] ^= 1;
        File.WriteAllBytes(temp["t10k-images-idx3-ubyte"], bytes);

        Assert.That(DatasetLoader.Load(temp.Path).ContentHash, Is.Not.EqualTo(before));
    }

    [Test]
    public void Idx_plain_file_is_preferred_over_gz()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteIdx(temp.Path, gzip: false);
        DatasetFiles.Write(temp.Path, "train-images-idx3-ubyte", [1, 2, 3], gzip: true); // would fail if read

        var data = DatasetLoader.Load(temp.Path);

        Assert.That(data.Files[0], Is.EqualTo(temp["train-images-idx3-ubyte"]));
    }

    [TestCase(new byte[] { 0, 1, 0, 1 }, 2)]
    [TestCase(new byte[] { 0, 0, 0, 0 }, 2)]
    [TestCase(new byte[] { 0, 3, 16, 2 }, 17)]
    public void Idx_class_count_is_largest_training_label_plus_one_and_at_least_two(byte[] trainLabels, int classes)
    {
        using var temp = new TempFolder();
        DatasetFiles.Write(temp.Path, "train-images-idx3-ubyte", DatasetFiles.IdxImages(4, 2, 2), gzip: false);
        DatasetFiles.Write(temp.Path, "train-labels-idx1-ubyte", DatasetFiles.IdxLabels(trainLabels), gzip: false);
        DatasetFiles.Write(temp.Path, "t10k-images-idx3-ubyte", DatasetFiles.IdxImages(1, 2, 2), gzip: false);
        DatasetFiles.Write(temp.Path, "t10k-labels-idx1-ubyte", DatasetFiles.IdxLabels(0), gzip: false);

        Assert.That(DatasetLoader.Load(temp.Path).Train.Shape.Classes, Is.EqualTo(classes));
    }

    [Test]
    public void Cifar_loads_planar_rgb_records_from_all_batches()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteCifar(temp.Path);

        var data = DatasetLoader.Load(temp.Path);

        Assert.That(data.Format, Is.EqualTo(DatasetLoader.CifarFormat));
        Assert.That(data.Train.Shape, Is.EqualTo(new InputShape(3, 32, 32, 10)));
        Assert.That(data.Train.Count, Is.EqualTo(15));
        Assert.That(data.Test.Count, Is.EqualTo(3));
        Assert.That(data.Train.Labels, Is.EqualTo(Enumerable.Range(0, 15).Select(r => (byte)(r % 10))));
        Assert.That(data.Test.Labels, Is.EqualTo(new byte[] { 5, 6, 7 }));
        // Record 7, green plane, pixel (row 2, column 5) = channel offset 1024 + 2·32 + 5.
        int p = 1024 + 2 * 32 + 5;
        Assert.That(data.Train.Image(7)[p], Is.EqualTo((byte)((7 + p) % 251)));
        Assert.That(data.Files.Select(Path.GetFileName), Is.EqualTo(DatasetLoader.CifarFileNames));
    }

    [Test]
    public void Cifar_is_found_in_its_archive_subfolder()
    {
        using var temp = new TempFolder();
        DatasetFiles.WriteCifar(temp[DatasetLoader.CifarSubfolder]);

        var data = DatasetLoader.Load(temp.Path);

        Assert.That(data.Train.Count, Is.EqualTo(15));
        Assert.That(data.Files[0], Does.Contain(DatasetLoader.CifarSubfolder));
    }
}
