package org.medimg4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.TransformChain;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.transform.intensity.ZScoreNormalize;
import org.medimg4j.core.transform.spatial.Resample;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The preprocessing chain of a CT segmentation model on a 512×512×128 float32 volume at 0.75 × 0.75 × 2.0 mm:
 * resample to 1 mm isotropic (trilinear, 384×384×256 out), clamp to a soft-tissue window (40/400 HU), z-score
 * normalise. Each step is also measured alone. The peer is {@code peers/transform_chain_scipy.py}: the same chain
 * with {@code scipy.ndimage.zoom(order=1)} and numpy, run on the same machine in the same sitting.
 *
 * <p>Reported as time per chain (ms); voxels/s = 512·512·128 input voxels / time. Set-up (making the volume) is
 * outside the timed region.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class TransformChainBenchmark {

    /** Input voxels, for converting a time into voxels/s. */
    public static final long INPUT_VOXELS = 512L * 512 * 128;

    private Volume ct;
    private Volume resampled;
    private Volume windowed;
    private TransformChain chain;
    private final Resample resample = Resample.toSpacing(1.0, 1.0, 1.0);
    private final WindowLevel window = WindowLevel.softTissue();
    private final ZScoreNormalize zScore = ZScoreNormalize.create();

    /** Makes a CT-like volume: noise around soft tissue, the content does not change the cost. */
    @Setup(Level.Trial)
    public void setUp() {
        Geometry g = Geometry.builder().size(512, 512, 128).spacing(0.75, 0.75, 2.0).origin(-192, -192, -128).build();
        float[] v = new float[(int) g.voxelCount()];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (40 + 200 * random.nextGaussian());
        }
        ct = Volume.ofFloats(g, IntensityUnit.HU, v);
        chain = TransformChain.of(resample).then(window).then(zScore);
        resampled = resample.apply(ct);
        windowed = window.apply(resampled);
    }

    /** The whole chain: resample + window + normalise. */
    @Benchmark
    public Volume chain() {
        return chain.apply(ct);
    }

    /** Resampling alone: 512×512×128 at 0.75/0.75/2 mm to 384×384×256 at 1 mm, trilinear. */
    @Benchmark
    public Volume resample() {
        return resample.apply(ct);
    }

    /** The window alone, on the resampled 384×384×256 volume. */
    @Benchmark
    public Volume window() {
        return window.apply(resampled);
    }

    /** Z-score alone, on the windowed 384×384×256 volume. */
    @Benchmark
    public Volume zScore() {
        return zScore.apply(windowed);
    }
}
