using System.Globalization;

namespace ShapeDnn.Cli.Execution.Slurm;

/// <summary>
/// Parses what the Slurm commands print: the job id of <c>sbatch --parsable</c>, and the task rows of
/// <c>sacct -X -n -P -o JobID,State,ExitCode,Reason</c> and <c>squeue -h -r -o %i|%T|%r</c>
/// (both <c>|</c>-separated, one row per task, except that sacct folds pending tasks into one row,
/// <c>123_[4-7,9%2]</c>, which is expanded here).
/// </summary>
internal static class SlurmOutput
{
    /// <summary>The job id from <c>sbatch --parsable</c> (<c>123</c> or <c>123;cluster</c>), or null when the output holds none.</summary>
    public static string? JobId(string parsableOutput)
    {
        foreach (var line in parsableOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var id = line.Split(';')[0];
            if (id.Length > 0 && id.All(char.IsAsciiDigit)) return id;
        }
        return null;
    }

    /// <summary>
    /// The task rows of <paramref name="jobId"/> in sacct's output (<c>JobID|State|ExitCode|Reason</c>),
    /// folded pending rows expanded; rows of other jobs and of job steps (<c>123_4.batch</c>) are skipped.
    /// </summary>
    public static IReadOnlyList<SlurmTaskState> SacctTasks(string output, string jobId) =>
        Rows(output, jobId, fields => (fields[1], fields.Length > 3 && fields[1] == "PENDING" ? fields[3] : fields.Length > 2 ? fields[2] : ""));

    /// <summary>The task rows of <paramref name="jobId"/> in squeue's output (<c>%i|%T|%r</c>, arrays expanded with <c>-r</c>).</summary>
    public static IReadOnlyList<SlurmTaskState> SqueueTasks(string output, string jobId) =>
        Rows(output, jobId, fields => (fields[1], fields.Length > 2 ? fields[2] : ""));

    private static List<SlurmTaskState> Rows(string output, string jobId, Func<string[], (string State, string Detail)> pick)
    {
        var tasks = new List<SlurmTaskState>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length < 2) continue;
            var (state, detail) = pick(fields);
            // "CANCELLED by 0": the state is the first word.
            state = state.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            foreach (var task in TaskIds(fields[0], jobId))
                tasks.Add(new SlurmTaskState(task, state, detail.Trim()));
        }
        return tasks;
    }

    /// <summary>
    /// The task ids a JobID field names: <c>123_4</c> → one, <c>123_[4-6,9%2]</c> → 123_4, 123_5, 123_6, 123_9;
    /// none for another job, a step (<c>123_4.batch</c>) or a non-array id.
    /// </summary>
    public static IEnumerable<string> TaskIds(string field, string jobId)
    {
        string prefix = jobId + "_";
        if (!field.StartsWith(prefix, StringComparison.Ordinal) || field.Contains('.')) yield break;
        var rest = field[prefix.Length..];
        if (!rest.StartsWith('['))
        {
            if (rest.Length > 0 && rest.All(char.IsAsciiDigit)) yield return field;
            yield break;
        }
        var inner = rest.TrimStart('[').TrimEnd(']');
        int throttle = inner.IndexOf('%');
        if (throttle >= 0) inner = inner[..throttle];
        foreach (var part in inner.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (!int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)) continue;
            int last = first;
            if (range.Length == 2 && !int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out last)) continue;
            for (int i = first; i <= last; i++) yield return $"{prefix}{i}";
        }
    }

    /// <summary>Whether sacct's error says that accounting is off (no slurmdbd): then squeue answers instead.</summary>
    public static bool AccountingDisabled(string stderr) =>
        stderr.Contains("accounting storage is disabled", StringComparison.OrdinalIgnoreCase);
}
