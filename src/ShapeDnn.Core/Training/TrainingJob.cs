using ShapeDnn.DesignSpace;

namespace ShapeDnn.Training;

/// <summary>One training of a batch (<see cref="IShapeTrainer.TrainBatch"/>): the shape and how it is steered.</summary>
/// <param name="Plan">The shape to train.</param>
/// <param name="Control">Its progress, per-epoch decision and checkpoint to resume from.</param>
public sealed record TrainingJob(NetworkPlan Plan, TrainingControl Control);

/// <summary>How one training of a batch ended: a result, or the trainer's reason why the shape cannot be trained (<see cref="ShapeNotTrainableException"/>).</summary>
/// <param name="Result">The result; null when <paramref name="NotTrainable"/> is set.</param>
/// <param name="NotTrainable">Why the shape could not be trained; null when it was.</param>
public sealed record TrainingOutcome(TrainingResult? Result, ShapeNotTrainableException? NotTrainable)
{
    /// <summary>Runs <paramref name="train"/>, keeping a <see cref="ShapeNotTrainableException"/> as the outcome; any other exception propagates.</summary>
    public static TrainingOutcome Of(Func<TrainingResult> train)
    {
        try
        {
            return new TrainingOutcome(train(), null);
        }
        catch (ShapeNotTrainableException ex)
        {
            return new TrainingOutcome(null, ex);
        }
    }
}
