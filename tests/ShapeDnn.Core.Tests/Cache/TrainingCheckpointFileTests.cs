using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Cache;

public sealed class TrainingCheckpointFileTests
{
    private static readonly TrainingCheckpoint Checkpoint = new(2,
        [new EpochStatistics(1, 1.5, 0.4, 2.0, 1000) { TrainingSeconds = 1.5 }, new EpochStatistics(2, 1.1, 0.55, 2.1, 1100) { TrainingSeconds = 1.6 }],
        [1, 2, 3, 250]);

    [Test]
    public void A_checkpoint_comes_back_as_written()
    {
        var back = TrainingCheckpointFile.Deserialize(TrainingCheckpointFile.Serialize(Checkpoint));

        Assert.That(back.EpochsDone, Is.EqualTo(2));
        Assert.That(back.Epochs, Is.EqualTo(Checkpoint.Epochs));
        Assert.That(back.State, Is.EqualTo(Checkpoint.State));
    }

    [Test]
    public void Bytes_that_are_not_a_whole_checkpoint_are_refused()
    {
        var bytes = TrainingCheckpointFile.Serialize(Checkpoint);

        Assert.Throws<InvalidDataException>(() => TrainingCheckpointFile.Deserialize(bytes[..^1]));
        Assert.Throws<InvalidDataException>(() => TrainingCheckpointFile.Deserialize("not a checkpoint"u8.ToArray()));
    }
}
