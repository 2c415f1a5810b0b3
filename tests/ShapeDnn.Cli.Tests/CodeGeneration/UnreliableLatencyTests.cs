using ShapeDnn.CodeGeneration;

namespace ShapeDnn.Cli.Tests.CodeGeneration;

/// <summary>A latency that stayed noisy is delivered as unreliable, in the constants an application reads.</summary>
public sealed class UnreliableLatencyTests
{
    [Test]
    public void Should_say_in_the_generated_constants_that_the_latency_is_unreliable()
    {
        var sound = SampleDescriptions.Fashion();
        var noisy = sound with { Latency = new Profiles.LatencyMeasurement(0.381, 0.2, 4.27, 40, 1, sound.Latency.Device) { Unreliable = true } };

        var code = CSharpModelGenerator.Generate(noisy);

        Assert.That(code, Does.Contain("public const bool LatencyIsReliable = false;"));
        Assert.That(code, Does.Contain("UNRELIABLE: the timed runs spread ±534 %"));
        Assert.That(CSharpModelGenerator.Generate(sound), Does.Contain("public const bool LatencyIsReliable = true;").And.Not.Contain("UNRELIABLE"));
    }
}
