using static ShapeDnn.Cli.Tests.BadInput.CliCases;

namespace ShapeDnn.Cli.Tests.BadInput;

/// <summary>Bad input to <c>shapes</c>, <c>profile</c> and <c>train</c>.</summary>
internal static class CommandCases
{
    public static IEnumerable<BadInputCase> Shapes() =>
    [
        Line("shapes without input", "SDNN009", "--input is required", "shapes"),
        Line("shapes input of two numbers", "SDNN009", "is not CxHxW", "shapes", "--input", "28x28"),
        Line("shapes input with zero channels", "SDNN009", "is not CxHxW", "shapes", "--input", "0x28x28"),
        Line("shapes input with negative side", "SDNN009", "is not CxHxW", "shapes", "--input", "1x-28x28"),
        Line("shapes input of one pixel", "SDNN009", "at least 4x4", "shapes", "--input", "1x1x1"),
        Line("shapes input of 3x3 pixels", "SDNN009", "at least 4x4", "shapes", "--input", "3x3x3"),
        Line("shapes input too large", "SDNN009", "at most 4096x4096", "shapes", "--input", "3x100000x100000"),
        Line("shapes input with too many channels", "SDNN009", "1 to 64 are supported", "shapes", "--input", "1000x32x32"),
        Line("shapes input beyond an int", "SDNN009", "is not CxHxW", "shapes", "--input", "3x99999999999x32"),
        Line("shapes with one class", "SDNN009", "--classes must be a whole number from 2", "shapes", "--input", "1x28x28", "--classes", "1"),
        Line("shapes with two billion classes", "SDNN009", "from 2 to 100,000", "shapes", "--input", "1x28x28", "--classes", "2000000000"),
        Line("shapes over a depth of two billion", "SDNN008", "between 10 and 100", "shapes", "--input", "1x28x28", "--design-space", "depths=2147483644"),
        Line("shapes over a depth range to a billion", "SDNN008", "leaves the depths", "shapes", "--input", "1x28x28", "--design-space", "depths=10..1e9;widths=1"),
        Line("shapes over a width of no channels", "SDNN008", "0 channels", "shapes", "--input", "1x28x28", "--design-space", "widths=0.01"),
        Line("shapes with an unknown option", "SDNN009", "did you mean --input?", "shapes", "--inpt", "1x28x28"),
    ];

    public static IEnumerable<BadInputCase> Profile() =>
    [
        Line("profile without input", "SDNN009", "--input is required", "profile"),
        Line("profile input of one pixel", "SDNN009", "at least 4x4", "profile", "--input", "1x1x1"),
        Line("profile batch sizes with a billion", "SDNN009", "between 1 and 4,096", "profile", "--input", "1x28x28", "--batch-sizes", "1,1000000000"),
        Line("profile batch sizes with zero", "SDNN009", "between 1 and 4,096", "profile", "--input", "1x28x28", "--batch-sizes", "0"),
        Line("profile batch sizes not numbers", "SDNN009", "comma-separated list", "profile", "--input", "1x28x28", "--batch-sizes", "one,two"),
        Line("profile empty batch sizes", "SDNN009", "is not a comma-separated list", "profile", "--input", "1x28x28", "--batch-sizes", ""),
        Line("profile shape of depth two billion", "SDNN009", "between 10 and 100", "profile", "--input", "1x28x28", "--shapes", "WRN-2147483644-1"),
        Line("profile shape of width 1e-300", "SDNN009", "is not a shape name", "profile", "--input", "1x28x28", "--shapes", "WRN-10-1e-300"),
        Line("profile shape of width a hundredth", "SDNN009", "0 channels", "profile", "--input", "1x28x28", "--shapes", "WRN-10-0.01"),
        Line("profile shape that is not a name", "SDNN009", "is not a shape name", "profile", "--input", "1x28x28", "--shapes", "ResNet50"),
        Line("profile empty shape list", "SDNN009", "lists no shape", "profile", "--input", "1x28x28", "--shapes", ""),
        Line("profile shape list of commas", "SDNN009", "lists no shape", "profile", "--input", "1x28x28", "--shapes", ",,"),
        Line("profile zero repeats", "SDNN009", "--repeat must be a whole number from 1 to 100", "profile", "--input", "1x28x28", "--repeat", "0"),
        Line("profile a million repeats", "SDNN009", "--repeat must be a whole number from 1 to 100", "profile", "--input", "1x28x28", "--repeat", "1000000"),
        Line("profile energy window of a day", "SDNN009", "--energy-window must be a whole number from 1 to 600", "profile", "--input", "1x28x28", "--energy-window", "86400"),
        Line("profile unknown device", "SDNN009", "is not one of auto, cpu, cuda", "profile", "--input", "1x28x28", "--device", "gpu"),
        Line("profile libtorch is a file", "SDNN015", "is a file, not a folder", "profile", "--input", "1x28x28", "--libtorch", "{file}"),
        Line("profile design space of one separator", "SDNN008", "has no depths", "profile", "--input", "1x28x28", "--design-space", ";"),
    ];

    private static BadInputCase Train(string name, string code, string fragment, params string[] extra) =>
        Line(name, code, fragment, ["train", "--data", "{data}", "--shape", "WRN-10-1", "--budget", "epochs=1;subset=300;validation=100", .. extra]);

    public static IEnumerable<BadInputCase> TrainCommand() =>
    [
        Line("train without shape", "SDNN009", "--shape is required", "train", "--data", "{data}"),
        Line("train without data", "SDNN009", "--data is required", "train", "--shape", "WRN-10-1"),
        Line("train data is a file", "SDNN010", "is a file, not a folder", "train", "--data", "{file}", "--shape", "WRN-10-1"),
        Line("train on one image", "SDNN011", "holds 1 training image", "train", "--data", "{ds:idx-one-image}", "--shape", "WRN-10-1"),
        Line("train on images of one pixel", "SDNN011", "at least 4x4", "train", "--data", "{ds:idx-1x1-pixels}", "--shape", "WRN-10-1"),
        Line("train shape of depth ten thousand", "SDNN009", "between 10 and 100", "train", "--data", "{data}", "--shape", "WRN-10000-1"),
        Line("train shape of width zero", "SDNN009", "above 0", "train", "--data", "{data}", "--shape", "WRN-10-0"),
        Line("train shape of width a hundredth", "SDNN009", "0 channels", "train", "--data", "{data}", "--shape", "WRN-10-0.01"),
        Line("train shape not a name", "SDNN009", "is not a shape name", "train", "--data", "{data}", "--shape", "big"),
        Train("train batch of a hundred thousand", "SDNN009", "--batch-size-train must be a whole number from 1 to 4,096", "--batch-size-train", "100000"),
        Train("train batch of zero", "SDNN009", "--batch-size-train must be a whole number from 1 to 4,096", "--batch-size-train", "0"),
        Train("train zero threads", "SDNN009", "--threads must be a whole number from 1 to 1,024", "--threads", "0"),
        Train("train a million threads", "SDNN009", "--threads must be a whole number from 1 to 1,024", "--threads", "1000000"),
        Train("train weights into a missing folder", "SDNN012", "create the folder first", "--weights-out", "{missing}/w.bin"),
        Train("train weights onto a folder", "SDNN012", "is a folder, not a file", "--weights-out", "{dir}"),
        Train("train weights under a file", "SDNN012", "is a file, not a folder", "--weights-out", "{file}/w.bin"),
        Train("train recipe that does not exist", "SDNN009", "does not exist", "--recipe", "{missing}"),
        Train("train recipe that is a folder", "SDNN009", "is a folder, not a file", "--recipe", "{dir}"),
        Train("train recipe with negative epochs", "SDNN009", "Epochs is -3 but must be 1 to 1000", "--recipe", "{recipe:negative-epochs}"),
        Train("train recipe with batch size zero", "SDNN009", "BatchSize is 0 but must be 1 to 4096", "--recipe", "{recipe:zero-batch}"),
        Train("train recipe with a batch of a hundred thousand", "SDNN009", "BatchSize is 100000", "--recipe", "{recipe:huge-batch}"),
        Train("train recipe with one validation image", "SDNN009", "ValidationCount is 1 but must be at least 50", "--recipe", "{recipe:one-validation-image}"),
        Train("train recipe with a subset of zero", "SDNN009", "TrainSubset is 0", "--recipe", "{recipe:zero-subset}"),
        Train("train recipe with a negative seed", "SDNN009", "Seed is -1", "--recipe", "{recipe:negative-seed}"),
        Train("train recipe with a NaN learning rate", "SDNN009", "LearningRate is NaN", "--recipe", "{recipe:nan-learning-rate}"),
        Train("train recipe with momentum one", "SDNN009", "Momentum is 1", "--recipe", "{recipe:momentum-one}"),
        Train("train recipe of an empty object", "SDNN009", "Epochs is 0", "--recipe", "{recipe:empty-object}"),
        Train("train recipe of null", "SDNN009", "holds no recipe", "--recipe", "{recipe:null}"),
        Train("train recipe of an empty file", "SDNN009", "cannot be read", "--recipe", "{recipe:empty-file}"),
        Train("train recipe that is not JSON", "SDNN009", "cannot be read", "--recipe", "{recipe:not-json}"),
        Train("train recipe with a string for a number", "SDNN009", "cannot be read", "--recipe", "{recipe:wrong-type}"),
        Train("train unknown precision", "SDNN009", "is not one of bf16, tf32, fp32", "--precision", "int8"),
        Line("train budget with one validation image", "SDNN009", "between 50 and", "train", "--data", "{data}", "--shape", "WRN-10-1", "--budget", "validation=1"),
    ];
}
