using ShapeDnn.Search;

namespace ShapeDnn.Core.Tests.Search;

/// <summary>
/// How many ranked proposals of a cost goal train together: each later one must have a chance of reaching
/// the limit while every earlier one fails. The expected lengths follow from closed forms (independent
/// shapes: a product; perfectly correlated ones: a difference of probabilities), not from the code.
/// </summary>
public class SpeculativeBatchTests
{
    private static double Independent(int i, int j) => i == j ? 1 : 0;
    private static double Comonotone(int i, int j) => 1;

    [Test]
    public void Independent_shapes_join_while_the_product_of_earlier_failures_times_their_chance_is_enough()
    {
        // 0.5, then 0.5·0.5 = 0.25, then 0.5³ = 0.125 ≥ 0.1, then 0.5⁴ = 0.0625 < 0.1.
        Assert.That(SpeculativeBatch.Length([0.5, 0.5, 0.5, 0.5, 0.5], Independent, 0.1, 8), Is.EqualTo(3));
    }

    [Test]
    public void Correlated_shapes_that_fail_together_make_a_shorter_batch_than_independent_ones()
    {
        double[] chances = [0.3, 0.6, 0.65];
        // Independent: 0.7·0.6 = 0.42, 0.7·0.4·0.65 = 0.18, so all three join.
        Assert.That(SpeculativeBatch.Length(chances, Independent, 0.1, 8), Is.EqualTo(3));
        // Perfectly correlated, the third reaches the limit while the second fails only in 0.65 − 0.6 = 0.05 of cases.
        Assert.That(SpeculativeBatch.Length(chances, Comonotone, 0.1, 8), Is.EqualTo(2));
    }

    [Test]
    public void Nothing_joins_a_proposal_that_is_certain_to_reach_the_limit()
    {
        Assert.That(SpeculativeBatch.Length([1.0, 0.9, 0.9], Independent, 0.1, 8), Is.EqualTo(1));
    }

    [Test]
    public void A_batch_never_holds_more_than_its_capacity_and_a_zero_threshold_fills_it()
    {
        double[] chances = [0.05, 0.05, 0.05, 0.05, 0.05];
        Assert.That(SpeculativeBatch.Length(chances, Independent, 0, 3), Is.EqualTo(3));
        Assert.That(SpeculativeBatch.Length(chances, Independent, 0.1, 1), Is.EqualTo(1));
        Assert.That(SpeculativeBatch.Length([], Independent, 0.1, 4), Is.EqualTo(0));
    }

    [Test]
    public void The_same_inputs_always_give_the_same_batch()
    {
        // On the edge (0.5·0.2 = 0.1 exactly), where the sampled estimate decides: it must decide the same way each time.
        double[] chances = [0.5, 0.2, 0.9];
        int first = SpeculativeBatch.Length(chances, Independent, 0.1, 8);
        for (int i = 0; i < 5; i++) Assert.That(SpeculativeBatch.Length(chances, Independent, 0.1, 8), Is.EqualTo(first));
    }
}
