using System.Runtime.InteropServices;
using ShapeDnn.Onnx.Model;
using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Tests;

/// <summary>
/// The graph API's records reach the onnx.proto messages intact: weights as little-endian
/// <c>raw_data</c> (wrapped, not copied, on the way out), negative attributes, symbolic dimensions.
/// </summary>
public sealed class OnnxProtoTests
{
    [Test]
    public void Weights_LargerThanTheStreamBuffer_ArriveByteForByte_ThroughStreamAndArray()
    {
        // 2.4 MB: more than the 1 MiB stream buffer, so the bytes cross several flushes.
        var values = Enumerable.Range(0, 600_000).Select(i => i * 0.5f - 7).ToArray();
        var model = Model(new OnnxTensor("w", [600, 1000], values));

        using var stream = new MemoryStream();
        model.WriteTo(stream);
        foreach (var bytes in new[] { stream.ToArray(), model.ToByteArray() })
        {
            Assert.That(bytes.Length, Is.EqualTo(model.CalculateSize()));
            var tensor = ModelProto.Parser.ParseFrom(bytes).Graph.Initializer.Single();
            Assert.That(tensor.Dims, Is.EqualTo(new long[] { 600, 1000 }));
            Assert.That(tensor.DataType, Is.EqualTo((int)TensorProto.Types.DataType.Float));
            Assert.That(tensor.RawData.ToByteArray(), Is.EqualTo(MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        }
    }

    [Test]
    public void Attributes_AndDimensions_ParseBackAsBuilt()
    {
        var node = new OnnxNode("Softmax", "s", ["x"], ["y"],
            [OnnxAttribute.Int("axis", -1), OnnxAttribute.Ints("pads", 1, 1), OnnxAttribute.Float("epsilon", 1e-5f), OnnxAttribute.String("mode", "0…255")]);
        var graph = new OnnxGraph("g", [node], [],
            [new OnnxValueInfo("x", [OnnxDimension.Symbolic("batch"), OnnxDimension.Fixed(10)])], [new OnnxValueInfo("y", [default])]);

        var parsed = ModelProto.Parser.ParseFrom(new OnnxModel(graph, 8, 17).ToByteArray());

        var attributes = parsed.Graph.Node.Single().Attribute;
        Assert.That(attributes[0].I, Is.EqualTo(-1));
        Assert.That(attributes[1].Ints, Is.EqualTo(new long[] { 1, 1 }));
        Assert.That(attributes[2].F, Is.EqualTo(1e-5f));
        Assert.That(attributes[3].S.ToStringUtf8(), Is.EqualTo("0…255"));
        var input = parsed.Graph.Input.Single().Type.TensorType.Shape.Dim;
        Assert.That(input[0].DimParam, Is.EqualTo("batch"));
        Assert.That(input[1].DimValue, Is.EqualTo(10));
        var unknown = parsed.Graph.Output.Single().Type.TensorType.Shape.Dim.Single();
        Assert.That(unknown.HasDimParam || unknown.HasDimValue, Is.False);
        Assert.That(parsed.OpsetImport.Single().Version, Is.EqualTo(17));
    }

    private static OnnxModel Model(OnnxTensor initializer) =>
        new(new OnnxGraph("g", [], [initializer], [], []), 8, 17);
}
