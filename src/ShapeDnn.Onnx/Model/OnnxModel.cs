using ShapeDnn.Onnx.Protobuf;

namespace ShapeDnn.Onnx.Model;

/// <summary>
/// An ONNX <c>ModelProto</c> and its serialisation. Only what a feed-forward fp32 graph needs is
/// modelled; the encoding follows onnx.proto field for field, in ascending field order, so the
/// bytes equal what the reference protobuf serialiser would produce for the same message.
/// </summary>
/// <param name="Graph">The graph.</param>
/// <param name="IrVersion">ONNX IR version (8 for ONNX 1.10 – 1.12).</param>
/// <param name="OpsetVersion">Version of the default <c>ai.onnx</c> operator set.</param>
public sealed record OnnxModel(OnnxGraph Graph, long IrVersion, long OpsetVersion) : IProtoMessage
{
    /// <summary>Largest size protobuf parsers accept for one message (2 GiB − 1).</summary>
    public const long MaxSerializedSize = int.MaxValue;

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

    // Field numbers of onnx.proto ModelProto, written in ascending order.
    private const int IrVersionField = 1, ProducerNameField = 2, ProducerVersionField = 3, ModelVersionField = 5,
        DocStringField = 6, GraphField = 7, OpsetImportField = 8, MetadataPropsField = 14;

    /// <summary>Exact size of the serialised model in bytes.</summary>
    public long CalculateSize() => ((IProtoMessage)this).CalculateSize();

    /// <summary>Serialises the model into a new array of exactly <see cref="CalculateSize"/> bytes.</summary>
    /// <exception cref="InvalidOperationException">The model exceeds <see cref="MaxSerializedSize"/>.</exception>
    public byte[] ToByteArray()
    {
        long size = CheckedSize();
        var bytes = new byte[size];
        // A non-resizable stream over the final array: the weights are copied exactly once.
        using var stream = new MemoryStream(bytes, writable: true);
        WriteTo(stream);
        return bytes;
    }

    /// <summary>Serialises the model to <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidOperationException">The model exceeds <see cref="MaxSerializedSize"/>.</exception>
    public void WriteTo(Stream stream)
    {
        long size = CheckedSize();
        using var writer = new ProtoWriter(stream);
        ((IProtoMessage)this).WriteTo(writer);
        writer.Flush();
        if (writer.Position != size)
            throw new InvalidOperationException($"Protobuf size mismatch: announced {size} bytes, wrote {writer.Position}.");
    }

    private long CheckedSize()
    {
        long size = CalculateSize();
        if (size > MaxSerializedSize)
            throw new InvalidOperationException(
                $"The model needs {size} bytes; a single protobuf message is limited to 2 GiB (ONNX external data is not supported).");
        return size;
    }

    long IProtoMessage.CalculateSize()
    {
        long size = ProtoSize.Int64Field(IrVersionField, IrVersion);
        if (ProducerName is not null) size += ProtoSize.StringField(ProducerNameField, ProducerName);
        if (ProducerVersion is not null) size += ProtoSize.StringField(ProducerVersionField, ProducerVersion);
        if (ModelVersion is { } v) size += ProtoSize.Int64Field(ModelVersionField, v);
        if (DocString is not null) size += ProtoSize.StringField(DocStringField, DocString);
        size += ProtoSize.MessageField(GraphField, Graph);
        size += ProtoSize.MessageField(OpsetImportField, new OperatorSetId(OpsetVersion));
        foreach (var entry in Metadata) size += ProtoSize.MessageField(MetadataPropsField, new StringStringEntry(entry));
        return size;
    }

    void IProtoMessage.WriteTo(ProtoWriter writer)
    {
        writer.WriteInt64Field(IrVersionField, IrVersion);
        if (ProducerName is not null) writer.WriteStringField(ProducerNameField, ProducerName);
        if (ProducerVersion is not null) writer.WriteStringField(ProducerVersionField, ProducerVersion);
        if (ModelVersion is { } v) writer.WriteInt64Field(ModelVersionField, v);
        if (DocString is not null) writer.WriteStringField(DocStringField, DocString);
        writer.WriteMessageField(GraphField, Graph);
        writer.WriteMessageField(OpsetImportField, new OperatorSetId(OpsetVersion));
        foreach (var entry in Metadata) writer.WriteMessageField(MetadataPropsField, new StringStringEntry(entry));
    }

    /// <summary>OperatorSetIdProto { domain = 1, version = 2 }; the default domain is the empty string.</summary>
    private sealed class OperatorSetId(long version) : IProtoMessage
    {
        public long CalculateSize() => ProtoSize.StringField(1, "") + ProtoSize.Int64Field(2, version);

        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteStringField(1, "");
            writer.WriteInt64Field(2, version);
        }
    }

    /// <summary>StringStringEntryProto { key = 1, value = 2 }.</summary>
    private sealed class StringStringEntry(KeyValuePair<string, string> entry) : IProtoMessage
    {
        public long CalculateSize() => ProtoSize.StringField(1, entry.Key) + ProtoSize.StringField(2, entry.Value);

        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteStringField(1, entry.Key);
            writer.WriteStringField(2, entry.Value);
        }
    }
}
