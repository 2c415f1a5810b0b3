using ShapeDnn.Cli.Tests.EndToEnd;

namespace ShapeDnn.Cli.Tests.BadInput;

/// <summary>The temporary folder a bad-input suite runs in: malformed datasets, recipe files, a plain file, an empty folder, one output folder per case.</summary>
internal sealed class BadInputWorkspace : IDisposable
{
    private const string GoodRecipe = """{"epochs":1,"trainSubset":300,"validationCount":100,"testSubset":100,"seed":1,"batchSize":128}""";

    /// <summary>Recipe files for <c>train --recipe</c>, by name.</summary>
    private static readonly IReadOnlyDictionary<string, string> Recipes = new Dictionary<string, string>
    {
        ["negative-epochs"] = GoodRecipe.Replace("\"epochs\":1", "\"epochs\":-3"),
        ["zero-batch"] = GoodRecipe.Replace("\"batchSize\":128", "\"batchSize\":0"),
        ["huge-batch"] = GoodRecipe.Replace("\"batchSize\":128", "\"batchSize\":100000"),
        ["one-validation-image"] = GoodRecipe.Replace("\"validationCount\":100", "\"validationCount\":1"),
        ["zero-subset"] = GoodRecipe.Replace("\"trainSubset\":300", "\"trainSubset\":0"),
        ["negative-seed"] = GoodRecipe.Replace("\"seed\":1", "\"seed\":-1"),
        ["nan-learning-rate"] = GoodRecipe.Replace("\"batchSize\":128", "\"batchSize\":128,\"learningRate\":\"NaN\""),
        ["momentum-one"] = GoodRecipe.Replace("\"batchSize\":128", "\"batchSize\":128,\"momentum\":1"),
        ["empty-object"] = "{}",
        ["null"] = "null",
        ["empty-file"] = "",
        ["not-json"] = "epochs=3",
        ["wrong-type"] = GoodRecipe.Replace("\"epochs\":1", "\"epochs\":\"three\""),
    };

    public BadInputWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "shapednn-bad-input-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "datasets"));
        Directory.CreateDirectory(Path.Combine(Root, "recipes"));
        Directory.CreateDirectory(Path.Combine(Root, "empty"));
        Directory.CreateDirectory(Path.Combine(Root, "out"));
        File.WriteAllText(Path.Combine(Root, "a-file.txt"), "a regular file");
        foreach (var (name, write) in MalformedDatasets.All)
        {
            var folder = Path.Combine(Root, "datasets", name);
            Directory.CreateDirectory(folder);
            write(folder);
        }
        foreach (var (name, text) in Recipes)
            File.WriteAllText(Path.Combine(Root, "recipes", name + ".json"), text);
    }

    public string Root { get; }

    /// <summary>The cache every case shares; a rejected input must leave nothing in it that matters.</summary>
    public string Cache => Path.Combine(Root, "cache");

    /// <summary>The output folder of <paramref name="testCase"/>.</summary>
    public string OutputOf(BadInputCase testCase) => Path.Combine(Root, "out", string.Concat(testCase.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')));

    /// <summary>The arguments of <paramref name="testCase"/> with its placeholders filled in.</summary>
    public IEnumerable<string> Arguments(BadInputCase testCase) => testCase.Args.Select(a => Fill(a, testCase));

    private string Fill(string arg, BadInputCase testCase)
    {
        arg = arg.Replace("{data}", ShapeDnnProcess.SampleData).Replace("{out}", OutputOf(testCase))
            .Replace("{file}", Path.Combine(Root, "a-file.txt")).Replace("{dir}", Path.Combine(Root, "empty")).Replace("{missing}", Path.Combine(Root, "no-such-thing"));
        foreach (var name in MalformedDatasets.All.Keys) arg = arg.Replace("{ds:" + name + "}", Path.Combine(Root, "datasets", name));
        foreach (var name in Recipes.Keys) arg = arg.Replace("{recipe:" + name + "}", Path.Combine(Root, "recipes", name + ".json"));
        if (arg.Contains("{ds:") || arg.Contains("{recipe:")) throw new InvalidOperationException($"Unknown placeholder in '{arg}' of case {testCase.Name}.");
        return arg;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
