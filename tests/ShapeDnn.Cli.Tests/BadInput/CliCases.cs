namespace ShapeDnn.Cli.Tests.BadInput;

/// <summary>Builders shared by the case tables.</summary>
internal static class CliCases
{
    /// <summary>A valid, tiny search: every case changes one thing of it.</summary>
    private static readonly (string Option, string Value)[] BaseSearch =
    [
        ("--data", "{data}"), ("--goal", "MinimizeSize"), ("--out", "{out}"),
        ("--design-space", "depths=10;widths=1"), ("--budget", "epochs=1;subset=300;validation=100;shapes=1"),
    ];

    /// <summary>
    /// A search whose options are the valid base with <paramref name="changes"/> applied: an option in both
    /// takes the change's value, a value of null removes it, and new options are added (an option given twice is
    /// written as <c>--x</c> twice with <c>twice:</c>).
    /// </summary>
    public static BadInputCase SearchWith(string name, string code, string fragment, params (string Option, string? Value)[] changes) =>
        new(name, code, fragment, Merge(["search"], BaseSearch, changes));

    /// <summary>Like <see cref="Search"/> with a warning that must be printed before the error.</summary>
    public static BadInputCase SearchWarningWith(string name, string warning, string code, string fragment, params (string Option, string? Value)[] changes) =>
        SearchWith(name, code, fragment, changes) with { Warning = warning };

    /// <summary>A command line as given.</summary>
    public static BadInputCase Line(string name, string code, string fragment, params string[] args) => new(name, code, fragment, args);

    private static string[] Merge(string[] head, (string Option, string Value)[] baseline, (string Option, string? Value)[] changes)
    {
        var args = new List<string>(head);
        foreach (var (option, value) in baseline)
        {
            var change = changes.FirstOrDefault(c => c.Option == option);
            if (change.Option is null) args.AddRange([option, value]);
            else if (change.Value is not null) args.AddRange([option, change.Value]);
        }
        foreach (var (option, value) in changes.Where(c => baseline.All(b => b.Option != c.Option)))
        {
            if (option.StartsWith("twice:", StringComparison.Ordinal)) { args.AddRange([option[6..], value!]); continue; }
            args.Add(option);
            if (value is not null) args.Add(value);
        }
        return [.. args];
    }
}
