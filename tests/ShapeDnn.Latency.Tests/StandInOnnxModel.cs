using System.Text;
using ShapeDnn.DesignSpace;
using ShapeDnn.Families;
using ShapeDnn.Tensors;

namespace ShapeDnn.Latency.Tests;

/// <summary>
/// A stand-in for the ONNX exporter, so that profiling is tested without it: the plan's convolution
/// chain (stem, then conv1 and conv2 of every block with their strides and the plan's weights,
/// ReLU between), global average pooling, the classifier, and softmax. No batch norm or residual
/// additions; its cost follows the plan's multiply-accumulates, which is all latency tests need.
/// Input <c>pixels</c> [batch, C, H, W], outputs <c>logits</c> and <c>probabilities</c>, as the exporter's.
/// </summary>
internal static class StandInOnnxModel
{
    public static byte[] Build(NetworkPlan plan, IReadOnlyList<NamedTensor> weights)
    {
        var byName = weights.ToDictionary(w => w.Name);
        var graph = new Proto();
        var nodes = new List<Proto>();
        string current = "pixels";
        int id = 0;

        string Conv(string input, string weight, int stride)
        {
            string output = $"t{id++}";
            nodes.Add(Node("Conv", [input, weight], [output],
                IntsAttribute("pads", 1, 1, 1, 1), IntsAttribute("strides", stride, stride), IntsAttribute("kernel_shape", 3, 3)));
            return output;
        }
        string Unary(string op, string input)
        {
            string output = $"t{id++}";
            nodes.Add(Node(op, [input], [output]));
            return output;
        }

        current = Conv(current, "stem.weight", 1);
        foreach (var b in ((WideResNetPlan)plan).Blocks)
        {
            current = Conv(Unary("Relu", current), $"{b.Prefix}.conv1.weight", b.Stride);
            current = Conv(Unary("Relu", current), $"{b.Prefix}.conv2.weight", 1);
        }
        current = Unary("Flatten", Unary("GlobalAveragePool", Unary("Relu", current)));
        nodes.Add(Node("Gemm", [current, "head.fc.weight", "head.fc.bias"], ["logits"], IntAttribute("transB", 1)));
        nodes.Add(Node("Softmax", ["logits"], ["probabilities"], IntAttribute("axis", 1)));

        foreach (var n in nodes) graph.Message(1, n);
        graph.String(2, "stand-in");
        var used = new[] { "stem.weight", "head.fc.weight", "head.fc.bias" }
            .Concat(((WideResNetPlan)plan).Blocks.SelectMany(b => new[] { $"{b.Prefix}.conv1.weight", $"{b.Prefix}.conv2.weight" }));
        foreach (var name in used) graph.Message(5, Initializer(byName[name]));
        var input = plan.Input;
        graph.Message(11, ValueInfo("pixels", [null, input.Channels, input.Height, input.Width]));
        graph.Message(12, ValueInfo("logits", [null, input.Classes]));
        graph.Message(12, ValueInfo("probabilities", [null, input.Classes]));

        var model = new Proto();
        model.Int(1, 8); // IR version 8
        model.String(2, "ShapeDnn.Latency.Tests");
        model.Message(7, graph);
        var opset = new Proto();
        opset.String(1, "");
        opset.Int(2, 13);
        model.Message(8, opset);
        return model.ToArray();
    }

    private static Proto Node(string op, string[] inputs, string[] outputs, params Proto[] attributes)
    {
        var node = new Proto();
        foreach (var i in inputs) node.String(1, i);
        foreach (var o in outputs) node.String(2, o);
        node.String(4, op);
        foreach (var a in attributes) node.Message(5, a);
        return node;
    }

    private static Proto IntsAttribute(string name, params long[] values)
    {
        var a = new Proto();
        a.String(1, name);
        foreach (var v in values) a.Int(8, v);
        a.Int(20, 7); // INTS
        return a;
    }

    private static Proto IntAttribute(string name, long value)
    {
        var a = new Proto();
        a.String(1, name);
        a.Int(3, value);
        a.Int(20, 2); // INT
        return a;
    }

    private static Proto Initializer(NamedTensor t)
    {
        var p = new Proto();
        foreach (var d in t.Dimensions) p.Int(1, d);
        p.Int(2, 1); // FLOAT
        p.String(8, t.Name);
        var raw = new byte[t.Data.Length * sizeof(float)];
        Buffer.BlockCopy(t.Data, 0, raw, 0, raw.Length); // little-endian, as ONNX raw_data requires
        p.Bytes(9, raw);
        return p;
    }

    private static Proto ValueInfo(string name, int?[] dims)
    {
        var shape = new Proto();
        foreach (var d in dims)
        {
            var dim = new Proto();
            if (d is int v) dim.Int(1, v); else dim.String(2, "batch");
            shape.Message(1, dim);
        }
        var tensor = new Proto();
        tensor.Int(1, 1); // FLOAT
        tensor.Message(2, shape);
        var type = new Proto();
        type.Message(1, tensor);
        var info = new Proto();
        info.String(1, name);
        info.Message(2, type);
        return info;
    }

    /// <summary>The few protobuf wire forms ONNX needs: varints (wire type 0) and length-delimited fields (2).</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _buffer = new();

        public void Int(int field, long value)
        {
            Varint((ulong)(field << 3));
            Varint((ulong)value);
        }

        public void Bytes(int field, byte[] value)
        {
            Varint((ulong)(field << 3 | 2));
            Varint((ulong)value.Length);
            _buffer.Write(value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, Proto value) => Bytes(field, value.ToArray());

        public byte[] ToArray() => _buffer.ToArray();

        private void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _buffer.WriteByte((byte)value);
        }
    }
}
