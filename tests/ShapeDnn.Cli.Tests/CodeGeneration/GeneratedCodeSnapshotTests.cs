using ShapeDnn.CodeGeneration;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>
/// The generated file for a fixed description, kept as a golden file so that reviewers see every
/// change to the generated code in diffs. On a mismatch the new text is written beside the golden
/// file as <c>*.received.txt</c>; review it and rename it to <c>*.verified.txt</c> to accept it.
/// </summary>
public sealed class GeneratedCodeSnapshotTests
{
    [Test]
    public void Should_Match_The_Verified_Snapshot()
    {
        // Given
        string verified = Path.Combine(TestPaths.Snapshots, "FashionClassifier.g.cs.verified.txt");
        string received = Path.ChangeExtension(verified, null).Replace(".verified", ".received") + ".txt";

        // When
        string source = CSharpModelGenerator.Generate(SampleDescriptions.Fashion());

        // Then
        string expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : "";
        if (source == expected)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, source);
        Assert.Fail($"The generated code differs from {verified}. Review {received} and rename it to accept the change.");
    }
}
