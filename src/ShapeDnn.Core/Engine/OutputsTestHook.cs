namespace ShapeDnn.Engine;

/// <summary>
/// TEST-ONLY: lets a fault test stop a search at the one moment it cannot otherwise hit, between the
/// renames that put the three outputs in place, and kill it there. Set <c>SHAPEDNN_TEST_HOLD_OUTPUTS</c> to
/// a folder: once the first output is in place the search writes <c>outputs-held</c> in it and waits until
/// <c>outputs-release</c> appears there. Unset (always, outside tests) it does nothing. See docs/testing.md.
/// </summary>
internal static class OutputsTestHook
{
    /// <summary>The variable naming the hook's folder.</summary>
    public const string Variable = "SHAPEDNN_TEST_HOLD_OUTPUTS";

    /// <summary>Holds the search when the hook is set; returns at once otherwise.</summary>
    public static void HoldAfterFirstOutput()
    {
        var folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(folder)) return;
        Cache.AtomicFile.WriteAllText(Path.Combine(folder, "outputs-held"), $"{Environment.ProcessId}\n");
        // Polling: the release comes from another process, and this code runs only under a fault test.
        while (!File.Exists(Path.Combine(folder, "outputs-release"))) Thread.Sleep(50);
    }
}
