package org.medimg4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.medimg4j.models.backend.OneDnn;
import org.medimg4j.models.classify.DenseNet;
import org.medimg4j.models.classify.Head;
import org.medimg4j.models.classify.ResNet;
import org.medimg4j.models.network.NetworkSummary;
import org.medimg4j.models.unet.OutputActivation;
import org.medimg4j.models.unet.UNet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reference networks of the speed comparison ({@code ../shared/reference-nets/torch_models.py}, built layer for
 * layer by our builders; parameter counts and FLOPs are checked in the models tests): a forward pass in inference
 * mode of U-Net 2D (256², batch 1 and 8), ResNet-18 (224², batch 1 and 8), DenseNet-121 (224², batch 1) and U-Net
 * 3D (96³, batch 1), NCHW/NCDHW float32, random weights (seeded) and input; and one training step of U-Net 2D
 * (256², batch 4, softmax + cross-entropy, Adam). The peer is {@code peers/torch_reference.py} (PyTorch, 2 threads,
 * the same graphs). Each output is closed after use so that native memory does not depend on the GC.
 *
 * <p>GFLOPs per operation are printed at set-up from {@link NetworkSummary} (2 × multiply-adds of convolutions and
 * fully connected layers, the torch script's convention); GFLOP/s = GFLOPs / seconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class ReferenceNetworkBenchmark {

    /** Which network, input size and batch: name-size-batch (train = one training step). */
    @Param({"unet2d-256-b1", "unet2d-256-b8", "resnet18-224-b1", "resnet18-224-b8", "densenet121-224-b1",
        "unet3d-96-b1", "unet2d-256-b4-train"})
    public String model;

    private ComputationGraph net;
    private INDArray input;
    private MultiDataSet batch;

    /** Builds the network and a random input; prints the backend line and the network's size. */
    @Setup(Level.Trial)
    public void setUp() {
        // oneDNN helpers on (and checked) before any network is built: see OneDnn
        System.out.println(OneDnn.requireActive().oneLine());
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        String[] p = model.split("-");
        int size = Integer.parseInt(p[1]);
        int n = Integer.parseInt(p[2].substring(1));
        boolean train = p.length > 3;
        long[] shape;
        switch (p[0]) {
            case "unet2d" -> {
                UNet u = train ? UNet.builder().dimensions(2).inChannels(1).numClasses(2)
                        .filters(32, 64, 128, 256, 512).outputActivation(OutputActivation.SOFTMAX).seed(1).build()
                        : UNet.reference2d();
                net = u.newNetwork();
                shape = new long[] {n, 1, size, size};
            }
            case "unet3d" -> {
                net = UNet.reference3d().newNetwork();
                shape = new long[] {n, 1, size, size, size};
            }
            case "resnet18" -> {
                net = ResNet.reference18().toBuilder().head(Head.LOGITS).build().initialisedGraph(1);
                shape = new long[] {n, 1, size, size};
            }
            case "densenet121" -> {
                net = DenseNet.reference121().toBuilder().head(Head.LOGITS).build().initialisedGraph(1);
                shape = new long[] {n, 1, size, size};
            }
            default -> throw new IllegalArgumentException("unknown model " + model);
        }
        NetworkSummary s = NetworkSummary.of(net, shape);
        System.out.printf("%s: %,d parameters, %.3f GFLOPs per forward%n", model, s.totalParameters(),
                s.totalFlops() / 1e9);
        input = Nd4j.rand(DataType.FLOAT, shape);
        if (train) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 2, size, size);
            labels.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                    .assign(1);
            batch = new MultiDataSet(input, labels);
        }
    }

    /** One forward pass (inference mode), or one training step for the "train" case. */
    @Benchmark
    public void run(Blackhole bh) {
        if (batch != null) {
            net.fit(batch);
            bh.consume(net.score());
            return;
        }
        try (INDArray out = net.outputSingle(false, input)) {
            bh.consume(out.getFloat(0));
        }
    }

    /** Frees the network's and the input's native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        input.close();
        net.close();
    }
}
