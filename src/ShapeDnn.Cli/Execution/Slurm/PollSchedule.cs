namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>
/// When to ask the scheduler again: soon after a change (a task started or ended), then less and less
/// often while nothing changes, doubling from <see cref="First"/> up to <see cref="Longest"/>; one
/// query covers every task of the search's arrays, so a busy controller sees one call per interval,
/// however many tasks run (submitit polls the same way).
/// </summary>
internal sealed class PollSchedule
{
    private TimeSpan _next;

    /// <param name="first">The interval right after a change.</param>
    /// <param name="longest">The longest interval.</param>
    public PollSchedule(TimeSpan first, TimeSpan longest)
    {
        First = first;
        Longest = longest;
        _next = first;
    }

    /// <summary>The interval right after a change.</summary>
    public TimeSpan First { get; }

    /// <summary>The longest interval.</summary>
    public TimeSpan Longest { get; }

    /// <summary>The intervals of a search: 1 s after a change, growing to 15 s.</summary>
    public static PollSchedule Default() => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));

    /// <summary>The interval to wait now; each call without a <see cref="Changed"/> in between doubles the next one, up to the longest.</summary>
    public TimeSpan Next()
    {
        var now = _next;
        _next = TimeSpan.FromTicks(Math.Min(Longest.Ticks, _next.Ticks * 2));
        return now;
    }

    /// <summary>Something changed: the next interval is the first again.</summary>
    public void Changed() => _next = First;
}
