namespace ShapeDnn.Engine;

/// <summary>Where a search stands while it trains: how many shapes it has proposed and finished, what its budget allows, and the time left.</summary>
/// <param name="Feasible">Shapes that meet the size, latency and energy limits: the most the search can propose.</param>
/// <param name="Proposed">Shapes proposed so far (trained now or taken from the cache); the round of the latest.</param>
/// <param name="Finished">Proposed shapes that are done: their accuracy is known (complete, or stopped early by the search), or they could not be trained here.</param>
/// <param name="Running">Trainings under way now.</param>
/// <param name="SpentShapes">Training spent, in complete trainings: a run stopped after k of E epochs counts k/E, a running one the epochs it has done.</param>
/// <param name="MaxShapes">The budget's ceiling on <paramref name="SpentShapes"/>; the search usually settles before it.</param>
/// <param name="SecondsLeft">
/// At most this many seconds of training are left: the running trainings' remaining epochs plus the rest of the budget on the
/// shapes not yet tried, each weighted by its training-cost proxy and timed at the seconds per unit of cost measured so far in
/// this run, divided among the parallel trainings. Null until a training in this run has reported its time.
/// </param>
public sealed record SearchProgress(int Feasible, int Proposed, int Finished, int Running, double SpentShapes, int MaxShapes, double? SecondsLeft)
{
    /// <summary>Fraction of the budget's ceiling spent, 0 … 1.</summary>
    public double BudgetFraction => MaxShapes <= 0 ? 1 : Math.Clamp(SpentShapes / MaxShapes, 0, 1);
}
