#:project ../../src/ShapeDnn.Core/ShapeDnn.Core.csproj
// Makes samples/data/fashion-mnist-small from the full Fashion-MNIST:
//   dotnet run samples/data/make-fashion-mnist-small.cs [source-folder] [output-folder]
// A stratified, seeded subset (600 training and 100 test images per class), written in the IDX
// gzip layout Fashion-MNIST ships in, so the sample runs offline and DatasetLoader reads it as is.
// The output is byte-for-byte reproducible for a given .NET (zlib) version.
using System.Buffers.Binary;
using System.IO.Compression;
using ShapeDnn.Data;

string source = args.Length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist";
string output = args.Length > 1 ? args[1] : Path.Combine(Path.GetDirectoryName(AppContext.GetData("EntryPointFilePath") as string ?? ".")!, "fashion-mnist-small");
const int TrainCount = 6000, TestCount = 1000, Seed = 20240601;

var full = DatasetLoader.Load(source);
Console.WriteLine($"source {source}: {full.Train.Count} train, {full.Test.Count} test, sha256 {full.ContentHash}");
var train = DatasetSplitter.Sample(full.Train, TrainCount, Seed);
var test = DatasetSplitter.Sample(full.Test, TestCount, Seed + 1);

Directory.CreateDirectory(output);
WriteGz(Path.Combine(output, "train-images-idx3-ubyte.gz"), ImagesFile(train));
WriteGz(Path.Combine(output, "train-labels-idx1-ubyte.gz"), LabelsFile(train));
WriteGz(Path.Combine(output, "t10k-images-idx3-ubyte.gz"), ImagesFile(test));
WriteGz(Path.Combine(output, "t10k-labels-idx1-ubyte.gz"), LabelsFile(test));

var check = DatasetLoader.Load(output);
Console.WriteLine($"wrote {output}: {check.Train.Count} train, {check.Test.Count} test, {check.Train.Shape}, sha256 {check.ContentHash}");

static byte[] ImagesFile(ImageDataset d)
{
    var bytes = new byte[16 + d.Pixels.Length];
    BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000803);
    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), d.Count);
    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), d.Shape.Height);
    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), d.Shape.Width);
    d.Pixels.CopyTo(bytes, 16);
    return bytes;
}

static byte[] LabelsFile(ImageDataset d)
{
    var bytes = new byte[8 + d.Count];
    BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000801);
    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), d.Count);
    d.Labels.CopyTo(bytes, 8);
    return bytes;
}

static void WriteGz(string path, byte[] content)
{
    using var file = File.Create(path);
    using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
    gzip.Write(content);
}
