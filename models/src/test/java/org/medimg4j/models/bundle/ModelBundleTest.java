package org.medimg4j.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.medimg4j.models.backend.OneDnn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.TransformChain;
import org.medimg4j.core.transform.intensity.ZScoreNormalize;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.LoggerFactory;

class ModelBundleTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void floatDefault() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        // as in production: helpers on before any network is built, so that the network saved and the one loaded
        // (ModelBundle.load enables them) run the same kernels and agree bit for bit
        OneDnn.enable();
    }

    /** One 3×3 conv (1 → 2 filters) on 8×8, global average pooling, 2-class softmax. */
    static ComputationGraph tinyCnn(long seed) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder().build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build());
        net.init();
        return net;
    }

    static List<PreprocessingStep> ctChain() {
        return List.of(PreprocessingStep.reorientTo("LPS"),
                PreprocessingStep.resampleToSpacing(1.0, 1.0, 1.0),
                PreprocessingStep.cropOrPadToSize(8, 8, 1, -1000),
                PreprocessingStep.windowLevel(40, 400, true),
                PreprocessingStep.scaleIntensityRange(0, 1, -1, 1, true),
                PreprocessingStep.zScoreNormalize(ZScoreNormalize.StatisticsRegion.WHOLE_IMAGE, false));
    }

    static BundleDescriptor descriptor() {
        return BundleDescriptor.of("lesion-patch-cnn", "1.2.0", Task.CLASSIFICATION,
                new InputSpec(1, new int[] {8, 8, 1}, new double[] {1, 1, 1}, "LPS", ctChain()),
                new OutputSpec("softmax", List.of("no lesion", "lesion")),
                new TrainingSummary("synthetic CT patches", 40, 10, 3, Map.of("auc", 0.97)),
                Provenance.now(42, "Trainer[adam(lr=0.001), constant, epochs=3]"));
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("model.m4j.zip");
        new ModelBundle(tinyCnn(5), descriptor()).save(file);
        return file;
    }

    private static Volume ctSlice() {
        float[] v = new float[10 * 9];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = -1000 + 1400 * r.nextFloat();
        }
        return Volume.ofFloats(Geometry.of(10, 9, 1, 0.8, 0.8, 2.0), IntensityUnit.HU, v);
    }

    @Test
    void savedBundleLoadsWithIdenticalOutputs() throws IOException {
        ComputationGraph net = tinyCnn(5);
        Path file = dir.resolve("model.m4j.zip");
        BundleDescriptor written = new ModelBundle(net, descriptor()).save(file);
        ModelBundle loaded = ModelBundle.load(file);

        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 8, 8);
        float[] expected = net.output(x)[0].dup().data().asFloat();
        assertEquals(6, expected.length);
        assertArrayEquals(expected, loaded.network().output(x)[0].dup().data().asFloat(), 0f);
        assertArrayEquals(net.params().toFloatVector(), loaded.network().params().toFloatVector(), 0f);
        assertEquals(written, loaded.descriptor());
        assertEquals(descriptor().input(), loaded.descriptor().input());
        assertEquals(Map.of("auc", 0.97), loaded.descriptor().training().validationMetrics());
        assertEquals("1.0.0-M2.1", loaded.descriptor().provenance().dl4jVersion());
        assertEquals(64, written.weights().sha256().length());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left beside the bundle");
        }
    }

    @Test
    void preprocessingIsRebuiltToTheSameChain() throws IOException {
        ModelBundle loaded = ModelBundle.load(saved());
        TransformChain original = descriptor().input().preprocessingChain();
        TransformChain rebuilt = loaded.preprocessing();
        assertEquals(original.toString(), rebuilt.toString());
        assertEquals(6, rebuilt.steps().size());
        Volume a = original.apply(ctSlice());
        Volume b = rebuilt.apply(ctSlice());
        assertEquals(a.geometry(), b.geometry());
        assertArrayEquals(new int[] {8, 8, 1}, b.geometry().size());
        assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
        assertEquals(IntensityUnit.NORMALIZED, b.unit());
    }

    @Test
    void descriptorJsonHasTheDocumentedFields() throws IOException {
        Path file = saved();
        String json;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            json = new String(zip.getInputStream(zip.getEntry(ModelBundle.DESCRIPTOR_ENTRY)).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        LoggerFactory.getLogger(ModelBundleTest.class).info("example descriptor:\n{}", json);
        var tree = JSON.readTree(json);
        assertEquals("medimg4j-model-bundle", tree.get("format").asText());
        assertEquals(1, tree.get("formatVersion").asInt());
        assertEquals("classification", tree.get("task").asText());
        assertEquals("Reorient.to", tree.at("/input/preprocessing/0/type").asText());
        assertEquals(400.0, tree.at("/input/preprocessing/3/parameters/widthHu").asDouble());
        assertEquals("lesion", tree.at("/output/labels/1").asText());
        assertEquals(42, tree.at("/provenance/seed").asLong());
        assertEquals(ModelBundle.WEIGHTS_ENTRY, tree.at("/weights/entry").asText());
        assertTrue(json.indexOf("\"format\"") < json.indexOf("\"weights\""), "fields in documented order");
    }

    // ---- refusals ----

    private static BundleException refused(Path file, BundleException.Problem problem, String... inMessage) {
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(file));
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        for (String s : inMessage) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' in: " + e.getMessage());
        }
        return e;
    }

    /** Rewrites the bundle's entries: the function gets and returns entry name → bytes (in order). */
    private static void rewrite(Path file, UnaryOperator<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        Map<String, byte[]> edited = edit.apply(entries);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : edited.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Files.write(file, bytes.toByteArray());
    }

    private static void editDescriptor(Path file, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        rewrite(file, m -> {
            try {
                ObjectNode d = (ObjectNode) JSON.readTree(m.get(ModelBundle.DESCRIPTOR_ENTRY));
                edit.accept(d);
                m.put(ModelBundle.DESCRIPTOR_ENTRY, JSON.writeValueAsBytes(d));
                return m;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void damagedWeightBytesAreRefused() throws IOException {
        Path file = saved();
        byte[] b = Files.readAllBytes(file);
        // The weights entry is stored, not deflated, after the descriptor: damage a byte in its middle.
        int at = b.length / 2;
        b[at] ^= 0x5a;
        Files.write(file, b);
        // java.util.zip.ZipFile does not check the CRC of stored entries: the SHA-256 catches the damage.
        refused(file, BundleException.Problem.CHECKSUM_MISMATCH, ModelBundle.WEIGHTS_ENTRY, "damaged");
    }

    @Test
    void damagedDescriptorBytesAreRefused() throws IOException {
        Path file = saved();
        byte[] b = Files.readAllBytes(file);
        // The descriptor is the first entry, deflated: its data starts after the 30-byte header and the name.
        for (int i = 50; i < 70; i++) {
            b[i] ^= 0x5a;
        }
        Files.write(file, b);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(file));
        assertTrue(e.problem() == BundleException.Problem.CORRUPTED
                || e.problem() == BundleException.Problem.INVALID_DESCRIPTOR, e.getMessage());
        assertTrue(e.getMessage().contains(ModelBundle.DESCRIPTOR_ENTRY), e.getMessage());
    }

    @Test
    void weightsThatDoNotMatchTheChecksumAreRefused() throws IOException {
        Path file = saved();
        Path other = dir.resolve("other.zip");
        new ModelBundle(tinyCnn(6), descriptor()).save(other);
        byte[] otherWeights;
        try (ZipFile z = new ZipFile(other.toFile())) {
            otherWeights = z.getInputStream(z.getEntry(ModelBundle.WEIGHTS_ENTRY)).readAllBytes();
        }
        rewrite(file, m -> {
            m.put(ModelBundle.WEIGHTS_ENTRY, otherWeights);   // a valid zip entry, with the wrong weights
            return m;
        });
        refused(file, BundleException.Problem.CHECKSUM_MISMATCH, "SHA-256", ModelBundle.WEIGHTS_ENTRY);
    }

    @Test
    void aWrongRecordedChecksumIsRefused() throws IOException {
        Path file = saved();
        editDescriptor(file, d -> ((ObjectNode) d.get("weights")).put("sha256", "0".repeat(64)));
        refused(file, BundleException.Problem.CHECKSUM_MISMATCH, "0".repeat(64));
    }

    @Test
    void aMissingDescriptorIsRefused() throws IOException {
        Path file = saved();
        rewrite(file, m -> {
            m.remove(ModelBundle.DESCRIPTOR_ENTRY);
            return m;
        });
        refused(file, BundleException.Problem.MISSING_ENTRY, ModelBundle.DESCRIPTOR_ENTRY);
    }

    @Test
    void aMissingWeightsEntryIsRefused() throws IOException {
        Path file = saved();
        rewrite(file, m -> {
            m.remove(ModelBundle.WEIGHTS_ENTRY);
            return m;
        });
        refused(file, BundleException.Problem.MISSING_ENTRY, ModelBundle.WEIGHTS_ENTRY);
    }

    @Test
    void aFileThatIsNotAZipIsRefused() throws IOException {
        Path file = dir.resolve("model.zip");
        Files.writeString(file, "this is not a zip archive");
        refused(file, BundleException.Problem.NOT_A_ZIP, "not a zip");
        refused(dir.resolve("absent.zip"), BundleException.Problem.UNREADABLE, "no such file");
    }

    @Test
    void anotherFormatVersionIsRefused() throws IOException {
        Path file = saved();
        editDescriptor(file, d -> d.put("formatVersion", 2));
        refused(file, BundleException.Problem.UNSUPPORTED_FORMAT, "formatVersion 2", "version 1");
        editDescriptor(file, d -> d.put("format", "something-else"));
        refused(file, BundleException.Problem.UNSUPPORTED_FORMAT, "something-else");
    }

    @Test
    void anUnknownTransformTypeIsRefused() throws IOException {
        Path file = saved();
        editDescriptor(file, d -> ((ObjectNode) d.at("/input/preprocessing/1")).put("type", "Sharpen"));
        refused(file, BundleException.Problem.UNKNOWN_TRANSFORM, "step 1", "'Sharpen'", "WindowLevel");
    }

    @Test
    void aBadOrUnknownTransformParameterIsRefused() throws IOException {
        Path file = saved();
        editDescriptor(file, d -> ((ObjectNode) d.at("/input/preprocessing/3/parameters")).put("widthHu", -5));
        refused(file, BundleException.Problem.INVALID_DESCRIPTOR, "step 3", "width");
        editDescriptor(file, d -> {
            ObjectNode p = (ObjectNode) d.at("/input/preprocessing/3/parameters");
            p.put("widthHu", 400);
            p.put("widht", 1);
        });
        refused(file, BundleException.Problem.INVALID_DESCRIPTOR, "unknown parameter 'widht'");
    }

    @Test
    void aDescriptorMissingAFieldIsRefused() throws IOException {
        Path file = saved();
        editDescriptor(file, d -> d.remove("task"));
        refused(file, BundleException.Problem.INVALID_DESCRIPTOR, "task");
    }

    @Test
    void labelsThatDoNotMatchTheOutputChannelsAreRefused() throws IOException {
        Path file = saved();
        editDescriptor(file, d -> ((ObjectNode) d.get("output")).putArray("labels").add("a").add("b").add("c"));
        refused(file, BundleException.Problem.INCOMPATIBLE, "output layer 'out' has 2 channels", "3 labels");
        BundleDescriptor three = BundleDescriptor.of("m", "1", Task.CLASSIFICATION, descriptor().input(),
                new OutputSpec("softmax", List.of("a", "b", "c")), null, null);
        BundleException e = assertThrows(BundleException.class,
                () -> new ModelBundle(tinyCnn(1), three).save(dir.resolve("never.zip")));
        assertEquals(BundleException.Problem.INCOMPATIBLE, e.problem());
    }

    @Test
    void saveRefusesAPreprocessingThatCouldNotBeLoaded() {
        Path file = dir.resolve("never.zip");
        BundleDescriptor d = BundleDescriptor.of("m", "1", Task.SEGMENTATION,
                new InputSpec(1, new int[] {8, 8, 1}, null, null,
                        List.of(new PreprocessingStep("Sharpen", Map.of("amount", 2)))),
                new OutputSpec("softmax", List.of("bg", "fg")), null, null);
        BundleException e = assertThrows(BundleException.class, () -> new ModelBundle(tinyCnn(1), d).save(file));
        assertEquals(BundleException.Problem.UNKNOWN_TRANSFORM, e.problem());
        assertFalse(Files.exists(file));
    }
}
