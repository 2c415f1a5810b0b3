using System.Text;
using ShapeDnn.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeDnn.Training.Trainer;

/// <summary>
/// The opaque <see cref="TrainingCheckpoint.State"/> of <see cref="TorchShapeTrainer"/>: everything an
/// epoch boundary of a run holds that the next epoch reads — the flat fp32 parameters, the momentum
/// buffer, the batch-norm running statistics, the private generator (shuffling and augmentation),
/// the epoch index, and the batch size and learning rate in use (smaller after out-of-memory retries).
/// </summary>
/// <remarks>
/// The identity text (shape, input, recipe as asked, arithmetic, layout, image count) is stored too
/// and compared on resume: resuming another run's checkpoint would silently train a hybrid.
/// </remarks>
internal sealed class TrainerCheckpointState
{
    private static readonly byte[] Magic = "SDNNCKP1"u8.ToArray();

    public required string Identity { get; init; }
    public required int EpochsDone { get; init; }
    public required int BatchSize { get; init; }
    public required double LearningRate { get; init; }
    public required byte[] GeneratorState { get; init; }
    public required float[] Master { get; init; }
    /// <summary>Null before the first optimiser step (never at an epoch boundary, but kept honest).</summary>
    public required float[]? Momentum { get; init; }
    public required IReadOnlyList<(string Name, byte[] Bytes)> Buffers { get; init; }

    /// <summary>Captures the state of a run after <paramref name="epochsDone"/> epochs.</summary>
    public static TrainerCheckpointState Capture(string identity, int epochsDone, TrainingRecipe recipeInUse, Generator generator,
        FlatParameters parameters, FlatNesterovSgd optimizer, ShapeNetwork model)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return new TrainerCheckpointState
        {
            Identity = identity,
            EpochsDone = epochsDone,
            BatchSize = recipeInUse.BatchSize,
            LearningRate = recipeInUse.LearningRate,
            GeneratorState = generator.get_state().bytes.ToArray(),
            Master = parameters.Master.cpu().data<float>().ToArray(),
            Momentum = optimizer.MomentumBuffer?.cpu().data<float>().ToArray(),
            Buffers = model.named_buffers().Select(b => (b.name, b.buffer.cpu().contiguous().bytes.ToArray())).ToList(),
        };
    }

    /// <summary>Puts this state into a freshly built run (its initialisation is overwritten entirely).</summary>
    public void Restore(Generator generator, FlatParameters parameters, FlatNesterovSgd optimizer, ShapeNetwork model)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        if (Master.Length != parameters.Master.numel())
            throw new ArgumentException($"The checkpoint holds {Master.Length} parameters; the network has {parameters.Master.numel()}.");
        parameters.Master.copy_(tensor(Master));
        parameters.PublishWeights();
        optimizer.RestoreMomentum(Momentum is null ? null : tensor(Momentum).to(parameters.Master.device));
        var buffers = model.named_buffers().ToList();
        if (buffers.Count != Buffers.Count)
            throw new ArgumentException($"The checkpoint holds {Buffers.Count} module buffers; the network has {buffers.Count}.");
        foreach (var ((name, buffer), (savedName, bytes)) in buffers.Zip(Buffers))
        {
            if (name != savedName)
                throw new ArgumentException($"The checkpoint's buffer '{savedName}' is not the network's '{name}'.");
            var host = empty(buffer.shape, buffer.dtype);
            if (host.NumberOfElements * host.ElementSize != bytes.Length)
                throw new ArgumentException($"The checkpoint's buffer '{name}' has {bytes.Length} bytes; the network's has {host.NumberOfElements * host.ElementSize}.");
            host.bytes = bytes;
            buffer.copy_(host);
        }
        var state = empty(GeneratorState.Length, ScalarType.Byte);
        state.bytes = GeneratorState;
        generator.set_state(state);
    }

    /// <summary>The blob for <see cref="TrainingCheckpoint.State"/>.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Identity);
            writer.Write(EpochsDone);
            writer.Write(BatchSize);
            writer.Write(LearningRate);
            WriteBytes(writer, GeneratorState);
            WriteFloats(writer, Master);
            writer.Write(Momentum is not null);
            if (Momentum is not null) WriteFloats(writer, Momentum);
            writer.Write(Buffers.Count);
            foreach (var (name, bytes) in Buffers)
            {
                writer.Write(name);
                WriteBytes(writer, bytes);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Reads a blob written by <see cref="ToBytes"/> and checks that it belongs to the run <paramref name="identity"/>.</summary>
    /// <exception cref="ArgumentException">The blob is not a checkpoint of this trainer, or of another run.</exception>
    public static TrainerCheckpointState Read(TrainingCheckpoint checkpoint, string identity)
    {
        TrainerCheckpointState state;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(checkpoint.State), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException("it does not start with the checkpoint signature");
            string savedIdentity = reader.ReadString();
            if (savedIdentity != identity)
                throw new ArgumentException($"The checkpoint belongs to another run ({savedIdentity}), not to this one ({identity}); resume it with the shape, recipe and arithmetic it was made with, or train from the start.", nameof(checkpoint));
            state = new TrainerCheckpointState
            {
                Identity = savedIdentity,
                EpochsDone = reader.ReadInt32(),
                BatchSize = reader.ReadInt32(),
                LearningRate = reader.ReadDouble(),
                GeneratorState = ReadBytes(reader),
                Master = ReadFloats(reader),
                Momentum = reader.ReadBoolean() ? ReadFloats(reader) : null,
                Buffers = Enumerable.Range(0, reader.ReadInt32()).Select(_ => (reader.ReadString(), ReadBytes(reader))).ToList(),
            };
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException or FormatException)
        {
            throw new ArgumentException($"The checkpoint is not one written by this trainer ({ex.Message}).", nameof(checkpoint), ex);
        }
        if (state.EpochsDone != checkpoint.EpochsDone || checkpoint.Epochs.Count != checkpoint.EpochsDone)
            throw new ArgumentException($"The checkpoint says {checkpoint.EpochsDone} epochs with {checkpoint.Epochs.Count} statistics, its state {state.EpochsDone}.", nameof(checkpoint));
        return state;
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new EndOfStreamException();
    }

    private static void WriteFloats(BinaryWriter writer, float[] values) =>
        WriteBytes(writer, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    private static float[] ReadFloats(BinaryReader reader)
    {
        var bytes = ReadBytes(reader);
        if (bytes.Length % sizeof(float) != 0) throw new InvalidDataException("a float array has a stray byte count");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
