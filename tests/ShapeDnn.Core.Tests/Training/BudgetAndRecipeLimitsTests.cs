using ShapeDnn.Diagnostics;
using ShapeDnn.Training;

namespace ShapeDnn.Core.Tests.Training;

/// <summary>Budgets and recipes: every key once, every field within its documented range (issue 10).</summary>
public class BudgetAndRecipeLimitsTests
{
    private static ShapeDnnException Rejected(string text)
    {
        var e = Assert.Throws<ShapeDnnException>(() => TrainingBudget.Parse(text))!;
        Assert.That(e.Code, Is.EqualTo(ErrorCode.BadOption), e.Message);
        return e;
    }

    [Test]
    public void Should_refuse_a_key_given_twice_instead_of_taking_the_last() =>
        Assert.That(Rejected("epochs=1;subset=300;epochs=2").Message, Does.Contain("'epochs' is given twice"));

    [TestCase("validation=1")]
    [TestCase("validation=49")]
    public void Should_refuse_fewer_validation_images_than_the_minimum(string text) =>
        Assert.That(Rejected(text).Message, Does.Contain($"between {Limits.MinValidationImages} and"));

    [Test]
    public void Should_accept_the_minimum_validation() =>
        Assert.That(TrainingBudget.Parse($"validation={Limits.MinValidationImages}").Recipe.ValidationCount, Is.EqualTo(Limits.MinValidationImages));

    [TestCase("epochs=1001", "epochs must be between 1 and 1,000")]
    [TestCase("shapes=1001", "shapes must be between 1 and 1,000")]
    [TestCase("epochs=99999999999", "epochs must be between")]
    [TestCase(";", "has no key=value entry")]
    public void Should_refuse_values_outside_their_range(string text, string fragment) =>
        Assert.That(Rejected(text).Message, Does.Contain(fragment));

    [Test]
    public void Should_accept_the_standard_recipe() =>
        Assert.That(TrainingBudget.Standard.Recipe.Problems(), Is.Empty);

    [Test]
    public void Should_name_every_field_out_of_range_in_a_recipe()
    {
        var recipe = new TrainingRecipe(Epochs: -3, TrainSubset: 0, ValidationCount: 1, TestSubset: 0, Seed: -1)
        {
            BatchSize = 0, LearningRate = double.NaN, Momentum = 1, WeightDecay = -1, WarmupFraction = 2, FinalLearningRateFraction = 0, CropPadding = -1,
        };
        var problems = recipe.Problems();
        Assert.That(problems.Select(p => p.Split(' ')[0]), Is.EquivalentTo(new[]
        {
            "Epochs", "TrainSubset", "ValidationCount", "TestSubset", "Seed", "BatchSize", "LearningRate", "Momentum", "WeightDecay",
            "WarmupFraction", "FinalLearningRateFraction", "CropPadding",
        }));
        Assert.That(problems, Has.Some.EqualTo("Epochs is -3 but must be 1 to 1000"));
    }
}
