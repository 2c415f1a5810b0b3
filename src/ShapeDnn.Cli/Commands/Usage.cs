namespace ShapeDnn.Cli.Commands;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        shapednn — picks, trains and exports the right-sized residual network for your limits.

        shapednn search --data DIR --constraints TEXT --goal GOAL --out DIR [options]
            --data DIR            IDX (MNIST/Fashion-MNIST layout, .gz allowed) or CIFAR-10 binary folder
            --constraints TEXT    e.g. "MaxParameters=500k; MaxSize=2MB; MaxLatency=1.5ms; MaxEnergy=3mJ; MinAccuracy=93%"
            --goal GOAL           MinimizeSize | MinimizeLatency | MinimizeEnergy | MaximizeAccuracy
            --out DIR             where N.onnx, N.g.cs, N.report.json and N.report.html are written
            --name N              model and class name (default ShapeDnnModel)
            --namespace NS        namespace of the generated class (default ShapeDnn.Generated)
            --labels L            class names: "cat;dog;..." (or ","-separated), or a file with one per line
                                  (default: the names of Fashion-MNIST, MNIST or CIFAR-10 when recognised)
            --access A            public | internal: accessibility of the generated class (default public)
            --device D            auto | cpu | cuda (default auto)
            --batch-size B        images per forward pass for latency and energy (default 1, at most 4096)
            --budget B            quick | standard | "epochs=N;subset=M;shapes=K" (default quick)
            --design-space TEXT   e.g. "depths=10,16,22;widths=1,2,4" (default: the paper's 110 shapes);
                                  with several families "wrn: depths=10,16;widths=1,2 | densenet-bc: depths=40;growth=12"
            --family F            wrn | densenet-bc | mobile, a comma-separated list, or all (default wrn)
            --cache DIR           cache folder (default $SHAPEDNN_CACHE or ~/.cache/shapednn)
            --libtorch DIR        lib folder of an existing libtorch, e.g. a PyTorch install's torch/lib
                                  (also $SHAPEDNN_LIBTORCH); libtorch 2.10 expected, another 2.x minor warns
            --precision P         bf16 | tf32 | fp32 (default bf16 on CUDA, fp32 on the CPU)
            --channels-last on|off  NHWC activations (default on for CUDA)
            --parallel N          shapes trained at a time, one worker process each (default 1)
            --no-energy-estimates fail instead of estimating energy where no counter exists
            --json                print the report as JSON on stdout (progress goes to stderr)
            --events FILE|-       progress as JSON lines (docs/progress.md) in FILE, or on stdout with -
                                  (then everything for people goes to stderr)
            --verbose             print details

        shapednn train --data DIR --shape WRN-16-4|DenseNet-BC-40-12 [--budget B] [--device D] [--libtorch DIR]
                       [--batch-size-train N] [--precision P] [--channels-last on|off] [--json]
            trains one shape with the search's split and recipe (lr scaled linearly with the batch);
            prints accuracy, throughput (also without the warm-up epoch) and time; exit 3 if the
            shape cannot be trained on the device (out of memory even at batch 16)
            --resume-from FILE    go on from a checkpoint of a stopped run (same shape and recipe)
            worker options (docs/workers.md): --channel (JSON events on stdout, continue/stop on stdin,
            stdin end = stop), --recipe FILE, --checkpoint-out FILE, --cache DIR --cache-key KEY, --weights-out FILE

        shapednn shapes --input CxHxW --classes K [--family F] [--design-space TEXT] [--json]
            lists the design space with exact parameter counts, fp32 sizes and multiply-accumulates

        shapednn profile --input CxHxW --classes K ([--family F] --design-space TEXT | --shapes WRN-10-1,DenseNet-BC-40-12) [options]
            measures forward-pass latency (median, p10, p90) and energy per pass of the listed shapes
            --device D            auto | cpu (ONNX Runtime) | cuda (TorchSharp/cuDNN; energy from NVML)
            --batch-sizes LIST    e.g. 1,128 (default 1)
            --repeat N            measure each shape N times (repeatability)
            --energy-window S     seconds of passes per energy reading (default 2)
            --no-energy           latency only
            --libtorch DIR        lib folder of an existing libtorch, e.g. a PyTorch install's torch/lib
            --json                print the figures as JSON on stdout

        shapednn replay --ground-truth FILE --constraints TEXT --goal GOAL [options]
            the real search with training replaced by a ground truth (JSON Lines, benchmarks/ground-truth):
            which shape it picks and what it spends against exhaustive training; CPU only, milliseconds
            --batch-size B        batch size whose latencyMs/energyMj the limits mean (default 1)
            --budget B            ceiling (shapes=K) and seed (which lines); default standard
            --design-space TEXT   narrow the space (default: every shape in the file)
            --input CxHxW         geometry the networks were built for (default 1x28x28), --classes K (10)
            --parallel N          shapes proposed at a time, as search --parallel (default 1)
            --json                {"chosen", "trained":[{"shape","epochs"}], "trainingSeconds", "exhaustiveSeconds", "stopReason", …}
        shapednn report FILE.report.json [--out FILE.html]
            renders the HTML report (plots and the table of all shapes) again from a search's report JSON
            (default: N.report.html beside it)

        Exit codes: 0 success; 1 an SDNNxxx error; 130 cancelled.
        """;
}
