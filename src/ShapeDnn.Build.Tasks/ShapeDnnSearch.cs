using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Build.Tasks;

/// <summary>
/// Runs the ShapeDnn search for every model whose inputs changed: validates its settings, runs the
/// <c>shapednn</c> worker out of process (TorchSharp never loads into the MSBuild node), streams its
/// progress as build messages, and turns its <c>SDNNxxx</c> diagnostics into build errors and
/// warnings located at the project file line that sets the offending setting.
/// </summary>
public sealed partial class ShapeDnnSearch : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>The models: <c>_ShapeDnnModel</c> items with their settings as metadata (see ShapeDnn.Build.targets).</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The project file, the location of every diagnostic.</summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    /// <summary>An explicit worker: <c>shapednn.dll</c> (run with <c>dotnet exec</c>) or an executable. Overrides the packaged worker.</summary>
    public string? ToolPath { get; set; }

    /// <summary>The packaged worker folder (<c>tools/worker</c> of the ShapeDnn.Build package).</summary>
    public string? PackagedWorkerDirectory { get; set; }

    /// <summary>The NuGet package folders (global, then fallbacks), where the packaged worker's libtorch lives.</summary>
    public string? NuGetPackageFolders { get; set; }

    /// <summary>The <c>dotnet</c> host that runs a worker DLL. Default: the host running this build.</summary>
    public string? DotnetHost { get; set; }

    /// <summary>Passes <c>--verbose</c> to the worker.</summary>
    public bool Verbose { get; set; }

    /// <summary>Seconds the worker gets to stop after a cancel before it is killed.</summary>
    public int CancelGracePeriodSeconds { get; set; } = 15;

    /// <summary>Only validates the settings (in milliseconds, before the targets write anything named after them); runs no search.</summary>
    public bool ValidateOnly { get; set; }

    /// <summary>Asks the running worker to stop (Ctrl+C on the build).</summary>
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        var models = Models.Select(ModelRequest.Read).ToList();
        var locator = new ProjectFileLocator(ProjectFile);
        foreach (var model in models)
            foreach (var error in RequestValidator.Validate(model))
                LogError(locator, model, error.Field, error.Code, error.Message);
        if (Log.HasLoggedErrors) return false;
        if (ValidateOnly) return true;

        var stale = models.Where(m => !UpToDate(m)).ToList();
        foreach (var model in models.Except(stale))
            Log.LogMessage(MessageImportance.Normal, $"ShapeDnn: {model.Name} is up to date.");
        if (stale.Count == 0) return true;

        (string FileName, IReadOnlyList<string> Prefix) worker;
        try
        {
            worker = ResolveWorker(stale);
        }
        catch (ShapeDnnException e)
        {
            LogError(locator, stale[0], ModelField.Model, e.Code.ToCodeString(), e.Message);
            return false;
        }

        foreach (var model in stale)
        {
            if (_cancel.IsCancellationRequested || !RunWorker(worker, model, locator)) return false;
        }
        return !Log.HasLoggedErrors;
    }

    private bool RunWorker((string FileName, IReadOnlyList<string> Prefix) worker, ModelRequest model, ProjectFileLocator locator)
    {
        Log.LogMessage(MessageImportance.High, $"ShapeDnn: searching the shape of {model.Name} ({model.Goal} under {model.Constraints}) on {model.Dataset}");
        Directory.CreateDirectory(model.OutputDir);
        bool reportedError = false;
        var progress = new ProgressMessages(model.Name);
        var unexplained = new Queue<string>();
        int exitCode = WorkerProcess.Run(worker.FileName, worker.Prefix.Concat(model.WorkerArguments(Verbose)).Concat(SlurmArguments()), line =>
        {
            switch (line.Kind)
            {
                case WorkerLineKind.Error when line.Code == ErrorCode.Cancelled.ToCodeString() && _cancel.IsCancellationRequested:
                    break; // the build was cancelled; said once below
                case WorkerLineKind.Error:
                    reportedError = true;
                    LogError(locator, model, ModelFields.ForCode(ParseCode(line.Code)), line.Code!, line.Text);
                    break;
                case WorkerLineKind.Warning:
                    Log.LogWarning(null, line.Code, null, ProjectFile, locator.LineOf(model, ModelFields.ForCode(ParseCode(line.Code))), 0, 0, 0, $"{model.Name}: {line.Text}");
                    break;
                case WorkerLineKind.Event:
                    if (progress.For(line.Event!) is { } message) Log.LogMessage(message.Importance, message.Text);
                    break;
                default:
                    if (unexplained.Count == 20) unexplained.Dequeue();
                    unexplained.Enqueue(line.Text);
                    // The worker's own text repeats the events for people; only its result table (and, when asked, its details) is news.
                    Log.LogMessage(progress.Results ? MessageImportance.High : Verbose ? MessageImportance.Normal : MessageImportance.Low, $"  {line.Text}");
                    break;
            }
        }, TimeSpan.FromSeconds(CancelGracePeriodSeconds), _cancel.Token);

        if (exitCode == 0) return true;
        if (exitCode == WorkerProcess.CancelledExitCode || _cancel.IsCancellationRequested)
        {
            Log.LogMessage(MessageImportance.High, $"ShapeDnn: the search for {model.Name} was cancelled; finished trainings stay cached and no output was written.");
            return false;
        }
        if (!reportedError)
            LogError(locator, model, ModelField.Model, ErrorCode.Internal.ToCodeString(),
                $"The shapednn worker exited with code {exitCode} without a diagnostic. Its last output: {string.Join(" | ", unexplained)}");
        return false;
    }

    private static ErrorCode ParseCode(string? code) =>
        code is { Length: 7 } && int.TryParse(code.AsSpan(4), out int n) && Enum.IsDefined(typeof(ErrorCode), n) ? (ErrorCode)n : ErrorCode.Internal;

    private void LogError(ProjectFileLocator locator, ModelRequest model, ModelField field, string code, string message) =>
        Log.LogError(null, code, null, ProjectFile, locator.LineOf(model, field), 0, 0, 0, $"{model.Name}: {message}");
}
