namespace ShapeDnn.Search;

/// <summary>Why the search stopped training further shapes.</summary>
public enum StopReason
{
    /// <summary>The predictor leaves no untrained shape that could change the choice.</summary>
    Settled,
    /// <summary>No accuracy limit: the cheapest feasible shape is the choice and needs no comparison.</summary>
    NoAccuracyLimit,
    /// <summary>The training budget (number of shapes) is spent.</summary>
    BudgetSpent,
    /// <summary>Every feasible shape has been trained.</summary>
    AllTrained,
    /// <summary>No trained shape reaches the accuracy limit and no untrained shape is likely to.</summary>
    AccuracyOutOfReach,
    /// <summary>The wall-clock ceiling of the search (<c>--time-budget</c>, <c>ShapeDnnTimeBudget</c>) was reached.</summary>
    TimeBudget,
}
