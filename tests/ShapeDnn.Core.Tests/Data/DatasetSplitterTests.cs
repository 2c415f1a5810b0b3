using ShapeDnn.Data;
using ShapeDnn.DesignSpace;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Core.Tests.Data;

public sealed class DatasetSplitterTests
{
    /// <summary>Image i holds the pixel value i % 256 and pixel (i / 256) so every image is identifiable; labels are unbalanced.</summary>
    private static ImageDataset Numbered(int count, int classes = 4)
    {
        var shape = new InputShape(1, 1, 2, classes);
        var pixels = new byte[count * 2];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            pixels[2 * i] = (byte)(i % 256);
            pixels[2 * i + 1] = (byte)(i / 256);
            labels[i] = (byte)(i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : i % 10 < 9 ? 2 : 3); // 50/30/10/10 %
        }
        return new ImageDataset(shape, pixels, labels);
    }

    private static int[] Ids(ImageDataset d) => Enumerable.Range(0, d.Count).Select(i => d.Pixels[2 * i] + 256 * d.Pixels[2 * i + 1]).ToArray();

    [TestCase(true)]
    [TestCase(false)]
    public void Same_seed_gives_the_same_split_and_another_seed_another(bool stratified)
    {
        var train = Numbered(1000);
        var test = Numbered(300);
        var options = new SplitOptions(ValidationCount: 100, Seed: 7, TrainCount: 400, TestCount: 50, Stratified: stratified);

        var a = DatasetSplitter.Split(train, test, options);
        var b = DatasetSplitter.Split(train, test, options);
        var c = DatasetSplitter.Split(train, test, options with { Seed = 8 });

        Assert.That(Ids(a.Train), Is.EqualTo(Ids(b.Train)));
        Assert.That(Ids(a.Validation), Is.EqualTo(Ids(b.Validation)));
        Assert.That(Ids(a.Test), Is.EqualTo(Ids(b.Test)));
        Assert.That(Ids(c.Validation), Is.Not.EqualTo(Ids(a.Validation)));
        Assert.That(Ids(c.Train), Is.Not.EqualTo(Ids(a.Train)));
    }

    [Test]
    public void Parts_have_the_requested_sizes_are_disjoint_and_keep_original_order()
    {
        var split = DatasetSplitter.Split(Numbered(1000), Numbered(300), new SplitOptions(100, Seed: 1, TrainCount: 400, TestCount: 50));

        Assert.That(split.Validation.Count, Is.EqualTo(100));
        Assert.That(split.Train.Count, Is.EqualTo(400));
        Assert.That(split.Test.Count, Is.EqualTo(50));
        Assert.That(Ids(split.Train).Intersect(Ids(split.Validation)), Is.Empty);
        Assert.That(Ids(split.Train), Is.Ordered.And.Unique);
        Assert.That(Ids(split.Validation), Is.Ordered.And.Unique);
        Assert.That(split.Validation.Labels, Is.EqualTo(Ids(split.Validation).Select(i => Numbered(1000).Labels[i])));
    }

    [Test]
    public void Without_subsets_train_is_everything_but_validation_and_test_is_untouched()
    {
        var train = Numbered(500);
        var test = Numbered(80);
        var split = DatasetSplitter.Split(train, test, new SplitOptions(50, Seed: 3));

        Assert.That(Ids(split.Train).Concat(Ids(split.Validation)).Order(), Is.EqualTo(Enumerable.Range(0, 500)));
        Assert.That(split.Test, Is.SameAs(test));
    }

    [Test]
    public void Stratified_parts_keep_class_proportions()
    {
        var split = DatasetSplitter.Split(Numbered(1000), Numbered(300), new SplitOptions(100, Seed: 5, TrainCount: 200, TestCount: 30));

        Assert.That(split.Validation.Labels.CountBy(l => l).OrderBy(g => g.Key).Select(g => g.Value), Is.EqualTo(new[] { 50, 30, 10, 10 }));
        Assert.That(split.Train.Labels.CountBy(l => l).OrderBy(g => g.Key).Select(g => g.Value), Is.EqualTo(new[] { 100, 60, 20, 20 }));
        Assert.That(split.Test.Labels.CountBy(l => l).OrderBy(g => g.Key).Select(g => g.Value), Is.EqualTo(new[] { 15, 9, 3, 3 }));
    }

    [Test]
    public void Changing_the_training_subset_leaves_validation_unchanged()
    {
        var train = Numbered(1000);
        var small = DatasetSplitter.Split(train, Numbered(10), new SplitOptions(100, Seed: 9, TrainCount: 100));
        var large = DatasetSplitter.Split(train, Numbered(10), new SplitOptions(100, Seed: 9, TrainCount: 800));

        Assert.That(Ids(small.Validation), Is.EqualTo(Ids(large.Validation)));
    }

    [Test]
    public void Sample_is_seeded_stratified_and_sized()
    {
        var data = Numbered(1000);
        var a = DatasetSplitter.Sample(data, 20, seed: 4);

        Assert.That(Ids(a), Is.EqualTo(Ids(DatasetSplitter.Sample(data, 20, seed: 4))));
        Assert.That(a.Labels.CountBy(l => l).OrderBy(g => g.Key).Select(g => g.Value), Is.EqualTo(new[] { 10, 6, 2, 2 }));
    }

    [TestCase(-1, null, null)]
    [TestCase(1000, null, null)]
    [TestCase(10, 0, null)]
    [TestCase(10, null, 0)]
    public void Bad_counts_are_rejected(int validation, int? train, int? test)
    {
        var e = Assert.Throws<ShapeDnnException>(() =>
            DatasetSplitter.Split(Numbered(1000), Numbered(10), new SplitOptions(validation, Seed: 1, train, test)))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.BadOption));
    }
}
