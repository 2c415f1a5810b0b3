using System.Text.RegularExpressions;
using ShapeDnn.Cli.Commands;
using ShapeDnn.Cli.Tests.EndToEnd;

namespace ShapeDnn.Cli.Tests.Docs;

/// <summary>README's table of <c>search</c> options is the set of options <c>search</c> accepts: none missing, none that does not exist.</summary>
public sealed class ReadmeOptionsTests
{
    [Test]
    public void Should_document_exactly_the_options_search_accepts()
    {
        var readme = File.ReadAllLines(Path.Combine(ShapeDnnProcess.RepositoryRoot, "README.md"));
        int start = Array.IndexOf(readme, "| option | default | meaning |");
        Assert.That(start, Is.GreaterThan(0), "README has the options table");
        var documented = readme.Skip(start + 2).TakeWhile(l => l.StartsWith('|'))
            .SelectMany(l => Regex.Matches(l.Split('|')[1], "--[a-z-]+").Select(m => m.Value)).ToHashSet();

        var accepted = SearchCommand.Definition().Specs.Select(s => s.Name).ToHashSet();

        Assert.That(documented, Is.EquivalentTo(accepted));
    }
}
