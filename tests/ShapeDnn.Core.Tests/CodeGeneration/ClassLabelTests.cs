using ShapeDnn.CodeGeneration;
using ShapeDnn.Core.Tests.Data;
using ShapeDnn.Data;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.CodeGeneration;

/// <summary>Class names from the user (a list or a file) and for the datasets ShapeDnn knows.</summary>
public sealed class ClassLabelTests
{
    [Test]
    public void A_semicolon_list_keeps_commas_inside_labels()
    {
        Assert.That(ClassLabelList.Parse(" cat ; dog, puppy ;bird", "/"), Is.EqualTo(new[] { "cat", "dog, puppy", "bird" }));
    }

    [Test]
    public void A_comma_list_is_split_on_commas()
    {
        Assert.That(ClassLabelList.Parse("cat,dog,bird", "/"), Is.EqualTo(new[] { "cat", "dog", "bird" }));
    }

    [Test]
    public void A_file_gives_one_label_per_non_blank_line_relative_to_the_base_folder()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["labels.txt"], "T-shirt/top\nTrouser; long\n\nPullover\n");

        Assert.That(ClassLabelList.Parse("labels.txt", folder.Path), Is.EqualTo(new[] { "T-shirt/top", "Trouser; long", "Pullover" }));
    }

    [Test]
    public void An_empty_setting_means_no_labels() => Assert.That(ClassLabelList.Parse("  ", "/"), Is.Null);

    [Test]
    public void An_empty_label_is_SDNN023()
    {
        var e = Assert.Throws<ShapeDnnException>(() => ClassLabelList.Parse("cat;;dog", "/"))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.ClassLabels));
        Assert.That(e.Message, Does.Contain("label 2"));
    }

    [Test]
    public void A_count_that_differs_from_the_classes_is_SDNN023()
    {
        var e = Assert.Throws<ShapeDnnException>(() => ClassLabelList.CheckCount(["a", "b"], 10))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.ClassLabels));
        Assert.That(e.Message, Does.Contain("2 class labels").And.Contain("10 classes"));
    }

    [Test]
    public void The_real_Fashion_MNIST_is_recognised_and_named()
    {
        var known = KnownDatasetLabels.Recognise(DatasetLoader.Load("/usr/share/datasets/fashion-mnist"));

        Assert.That(known?.Name, Is.EqualTo("Fashion-MNIST"));
        Assert.That(known?.Labels[9], Is.EqualTo("Ankle boot"));
    }

    [Test]
    public void A_sampled_subset_or_another_IDX_dataset_is_not_recognised()
    {
        using var folder = new TempFolder();
        // Same format and geometry as Fashion-MNIST and MNIST, but not their test split.
        DatasetFiles.WriteIdx(folder.Path, gzip: false, trainCount: 30, testCount: 20, rows: 28, columns: 28);

        Assert.That(KnownDatasetLabels.Recognise(DatasetLoader.Load(folder.Path)), Is.Null);
    }

    [Test]
    public void CIFAR_10_is_recognised_by_its_format()
    {
        using var folder = new TempFolder();
        DatasetFiles.WriteCifar(folder.Path);

        var known = KnownDatasetLabels.Recognise(DatasetLoader.Load(folder.Path));

        Assert.That(known?.Name, Is.EqualTo("CIFAR-10"));
        Assert.That(known?.Labels, Has.Count.EqualTo(10).And.Contains("airplane"));
    }
}
