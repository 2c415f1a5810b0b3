using ShapeDnn.CodeGeneration;
using ShapeDnn.Runtime;
using StbImageWriteSharp;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>
/// The generated class classifies image files: PNG and JPEG bytes, a stream and a path are decoded,
/// resized to the network's input and give the prediction of the raw pixels they show.
/// </summary>
public sealed class ImageInputTests
{
    // Each pixel of the 5×4 network input becomes an 8×8 block: area averaging brings the exact
    // pixel back, and JPEG (8×8 blocks, no chroma subsampling at quality 100) keeps flat blocks
    // almost exactly.
    private const int Scale = 8;
    private static readonly (int C, int H, int W) Tiny =
        (SampleDescriptions.TinyInput.Channels, SampleDescriptions.TinyInput.Height, SampleDescriptions.TinyInput.Width);

    private GeneratedModelHarness _harness = null!;
    private GeneratedModel _model = null!;
    private byte[] _planes = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public void CompileAndLoad()
    {
        _harness = new GeneratedModelHarness(SampleDescriptions.Tiny());
        _model = _harness.Load(TestPaths.TinyClassifier, forceCpu: true);
        _planes = DirectOnnxRuntime.Pixels(1, seed: 21);
        _folder = Path.Combine(Path.GetTempPath(), "shapednn-image-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        _model?.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>The raw image, enlarged <see cref="Scale"/> times and interleaved as image files store it.</summary>
    private byte[] EnlargedInterleaved()
    {
        int w = Tiny.W * Scale, h = Tiny.H * Scale;
        var rgb = new byte[w * h * Tiny.C];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < Tiny.C; c++)
                    rgb[(y * w + x) * Tiny.C + c] = _planes[(c * Tiny.H + y / Scale) * Tiny.W + x / Scale];
        return rgb;
    }

    private byte[] Encode(bool jpeg)
    {
        using var file = new MemoryStream();
        var writer = new ImageWriter();
        if (jpeg) writer.WriteJpg(EnlargedInterleaved(), Tiny.W * Scale, Tiny.H * Scale, ColorComponents.RedGreenBlue, file, 100);
        else writer.WritePng(EnlargedInterleaved(), Tiny.W * Scale, Tiny.H * Scale, ColorComponents.RedGreenBlue, file);
        return file.ToArray();
    }

    [Test]
    public void A_PNG_gives_exactly_the_prediction_of_its_raw_pixels()
    {
        var raw = _model.Predict(_planes);

        var fromPng = _model.PredictEncoded(Encode(jpeg: false));

        Assert.That(fromPng.Class, Is.EqualTo(raw.Class));
        Assert.That(fromPng.Label, Is.EqualTo(raw.Label));
        Assert.That(fromPng.Probabilities, Is.EqualTo(raw.Probabilities).Within(1e-6f));
    }

    [Test]
    public void A_JPEG_gives_the_prediction_of_its_raw_pixels()
    {
        var raw = _model.Predict(_planes);

        var fromJpeg = _model.PredictEncoded(Encode(jpeg: true));

        Assert.That(fromJpeg.Class, Is.EqualTo(raw.Class));
        Assert.That(fromJpeg.Probabilities, Is.EqualTo(raw.Probabilities).Within(0.01f), "JPEG is lossy, but only by a level or two here");
    }

    [Test]
    public void A_stream_and_a_path_give_the_same_prediction_as_the_bytes()
    {
        byte[] png = Encode(jpeg: false);
        string path = Path.Combine(_folder, "image.png");
        File.WriteAllBytes(path, png);
        var fromBytes = _model.PredictEncoded(png);

        using var stream = new MemoryStream(png);
        var fromStream = _model.PredictStream(stream);
        var fromPath = _model.PredictPath(path);

        Assert.That(fromStream.Probabilities, Is.EqualTo(fromBytes.Probabilities));
        Assert.That(fromPath.Probabilities, Is.EqualTo(fromBytes.Probabilities));
    }

    [Test]
    public void Bytes_that_are_not_an_image_are_an_InvalidDataException()
    {
        Assert.That(() => _model.PredictEncoded([1, 2, 3, 4]), Throws.TypeOf<InvalidDataException>().With.Message.Contains("not an image"));
    }

    [Test]
    public void TopK_lists_the_most_probable_classes_first_with_their_labels()
    {
        var raw = _model.Predict(_planes);

        var top = _model.TopK(_planes, 3);

        var expected = raw.Probabilities.Select((p, i) => (p, i)).OrderByDescending(x => x.p).Take(3).Select(x => x.i).ToArray();
        Assert.That(top.Select(t => t.Class), Is.EqualTo(expected));
        Assert.That(top[0].Label, Is.EqualTo(raw.Label));
        Assert.That(top.Select(t => t.Probability), Is.EqualTo(expected.Select(i => raw.Probabilities[i])));
        Assert.That(_model.TopK(_planes, 99), Has.Length.EqualTo(SampleDescriptions.TinyInput.Classes), "k above the class count returns every class");
    }

    [Test]
    public void A_grey_image_is_converted_and_shrunk_by_area_averaging()
    {
        // A 4×2 grey PNG whose 2×2 blocks average to the 2×1 pixels [10, 200] (a dark and a light block).
        byte[] grey = [0, 20, 190, 210, 20, 0, 210, 190];
        using var file = new MemoryStream();
        new ImageWriter().WritePng(grey, 4, 2, ColorComponents.Grey, file);

        byte[] planes = ImageDecoder.DecodeToPlanes(new EncodedImage(file.ToArray()), channels: 1, height: 1, width: 2);

        Assert.That(planes, Is.EqualTo(new byte[] { 10, 200 }));
    }

    [Test]
    public void Access_internal_generates_an_internal_class()
    {
        var harness = new GeneratedModelHarness(SampleDescriptions.Tiny() with { Access = GeneratedAccess.Internal });

        Assert.That(harness.ModelType.IsPublic, Is.False);
        Assert.That(harness.ModelType.IsNotPublic, Is.True);
        Assert.That(new GeneratedModelHarness(SampleDescriptions.Tiny()).ModelType.IsPublic, Is.True);
    }
}
