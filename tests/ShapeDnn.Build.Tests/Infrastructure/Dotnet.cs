using System.Diagnostics;
using System.Text;

namespace ShapeDnn.Build.Tests.Infrastructure;

/// <summary>The result of a <c>dotnet</c> command.</summary>
internal sealed record DotnetResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>Runs the <c>dotnet</c> CLI as a user would, in a folder outside the repository.</summary>
internal static class Dotnet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Environment for every child: no first-run noise, no build servers outliving the test.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["TERM"] = "dumb";
        // Variables the test host inherited from 'dotnet test' would redirect the child's MSBuild.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG" })
            start.Environment.Remove(name);
        return start;
    }

    public static DotnetResult Run(string workingDirectory, params string[] args) => RunWith(new Dictionary<string, string>(), workingDirectory, args);

    /// <summary>Runs with extra <paramref name="environment"/> variables (e.g. a heap limit), inherited by the build's worker.</summary>
    public static DotnetResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunWith(environment ?? new Dictionary<string, string>(), workingDirectory, args);

    /// <summary>Runs with extra environment variables (as a CI job sets them).</summary>
    public static DotnetResult RunWith(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish within {Timeout}:\n{output}");
        }
        process.WaitForExit();
        lock (output) return new DotnetResult(process.ExitCode, output.ToString());
    }

    /// <summary>A build as a user runs it, with messages at normal verbosity so that skipped targets are visible.</summary>
    public static DotnetResult Build(string projectDirectory, params string[] extra) =>
        Run(projectDirectory, ["build", "-nologo", "-v:n", "-m:1", "-tl:off", .. extra]);

    /// <summary>A build as above, with extra environment variables.</summary>
    public static DotnetResult Build(string projectDirectory, IReadOnlyDictionary<string, string> environment, params string[] extra) =>
        Run(projectDirectory, environment, ["build", "-nologo", "-v:n", "-m:1", "-tl:off", .. extra]);
}
