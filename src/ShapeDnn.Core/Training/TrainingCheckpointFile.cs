using System.Text;
using System.Text.Json;

namespace ShapeDnn.Training;

/// <summary>
/// A <see cref="TrainingCheckpoint"/> as bytes, for a file (<c>shapednn train --checkpoint-out</c>,
/// <c>--resume-from</c>) or a cache entry: a signature, the epochs as JSON, then the trainer's blob.
/// </summary>
public static class TrainingCheckpointFile
{
    private static readonly byte[] Signature = "SDNNCHK1"u8.ToArray();

    /// <summary>The bytes of <paramref name="checkpoint"/>.</summary>
    public static byte[] Serialize(TrainingCheckpoint checkpoint)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Signature);
            writer.Write(checkpoint.EpochsDone);
            var epochs = JsonSerializer.SerializeToUtf8Bytes(checkpoint.Epochs.ToArray(), ShapeDnnJsonContext.Default.EpochStatisticsArray);
            writer.Write(epochs.Length);
            writer.Write(epochs);
            writer.Write(checkpoint.State.Length);
            writer.Write(checkpoint.State);
        }
        return stream.ToArray();
    }

    /// <summary>Reads bytes written by <see cref="Serialize"/>.</summary>
    /// <exception cref="InvalidDataException">They are not a checkpoint, or are cut short.</exception>
    public static TrainingCheckpoint Deserialize(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (!reader.ReadBytes(Signature.Length).AsSpan().SequenceEqual(Signature))
                throw new InvalidDataException("not a ShapeDnn training checkpoint (signature missing)");
            int epochsDone = reader.ReadInt32();
            var epochs = JsonSerializer.Deserialize(Exactly(reader, reader.ReadInt32()), ShapeDnnJsonContext.Default.EpochStatisticsArray)
                ?? throw new InvalidDataException("the checkpoint lists no epochs");
            var state = Exactly(reader, reader.ReadInt32());
            if (epochsDone < 1 || epochs.Length != epochsDone)
                throw new InvalidDataException($"the checkpoint says {epochsDone} epochs done but lists {epochs.Length}");
            return new TrainingCheckpoint(epochsDone, epochs, state);
        }
        catch (Exception ex) when (ex is EndOfStreamException or JsonException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"The training checkpoint is damaged ({ex.Message}).", ex);
        }
    }

    private static byte[] Exactly(BinaryReader reader, int count)
    {
        var bytes = reader.ReadBytes(count);
        return bytes.Length == count ? bytes : throw new EndOfStreamException("cut short");
    }
}
