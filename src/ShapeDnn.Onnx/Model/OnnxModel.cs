using Google.Protobuf;
using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>
/// An ONNX <c>ModelProto</c> and its serialisation. Only what a feed-forward fp32 graph needs is
/// modelled; the messages themselves are generated from onnx.proto (Google.Protobuf), so the bytes
/// are what the reference protobuf serialiser produces.
/// </summary>
/// <param name="Graph">The graph.</param>
/// <param name="IrVersion">ONNX IR version (8 for ONNX 1.10 – 1.12).</param>
/// <param name="OpsetVersion">Version of the default <c>ai.onnx</c> operator set.</param>
public sealed record OnnxModel(OnnxGraph Graph, long IrVersion, long OpsetVersion)
{
    /// <summary>Largest size protobuf parsers accept for one message (2 GiB − 1).</summary>
    public const long MaxSerializedSize = int.MaxValue;

    // Large enough that the weights reach the stream in few writes (protobuf's default is 4 KiB).
    private const int StreamBufferSize = 1 << 20;

    /// <summary>Name of the producing tool.</summary>
    public string? ProducerName { get; init; }

    /// <summary>Version of the producing tool.</summary>
    public string? ProducerVersion { get; init; }

    /// <summary>Version of this model (an integer, as ONNX defines it).</summary>
    public long? ModelVersion { get; init; }

    /// <summary>Human-readable documentation of the model.</summary>
    public string? DocString { get; init; }

    /// <summary>Free-form key/value metadata (<c>metadata_props</c>); ONNX Runtime exposes it as custom metadata.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>Exact size of the serialised model in bytes.</summary>
    /// <exception cref="InvalidOperationException">The model exceeds <see cref="MaxSerializedSize"/>.</exception>
    public long CalculateSize() => ToProto().CalculateSize();

    /// <summary>Serialises the model into a new array of exactly <see cref="CalculateSize"/> bytes.</summary>
    /// <exception cref="InvalidOperationException">The model exceeds <see cref="MaxSerializedSize"/>.</exception>
    public byte[] ToByteArray() => ToProto().ToByteArray();

    /// <summary>Serialises the model to <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidOperationException">The model exceeds <see cref="MaxSerializedSize"/>.</exception>
    public void WriteTo(Stream stream)
    {
        var proto = ToProto();
        // Not disposed: that would close the caller's stream; Flush hands over every byte.
        var output = new CodedOutputStream(stream, StreamBufferSize);
        proto.WriteTo(output);
        output.Flush();
    }

    private ModelProto ToProto()
    {
        // Protobuf sizes are 32-bit: refuse before the weights are even wrapped, and past 2 GiB the
        // total wraps negative rather than failing, so it is checked too.
        long weights = Graph.Initializers.Sum(t => t.RawDataLength);
        if (weights <= MaxSerializedSize)
        {
            var proto = Build();
            if (proto.CalculateSize() >= 0) return proto;
        }
        throw new InvalidOperationException(
            $"The model needs more than {MaxSerializedSize} bytes ({weights} of weights alone); a single protobuf message is limited to 2 GiB (ONNX external data is not supported).");
    }

    private ModelProto Build()
    {
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            Graph = Graph.ToProto(),
            // The default domain is the empty string.
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = OpsetVersion } },
        };
        if (ProducerName is not null) proto.ProducerName = ProducerName;
        if (ProducerVersion is not null) proto.ProducerVersion = ProducerVersion;
        if (ModelVersion is { } v) proto.ModelVersion = v;
        if (DocString is not null) proto.DocString = DocString;
        foreach (var (key, value) in Metadata) proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return proto;
    }
}
