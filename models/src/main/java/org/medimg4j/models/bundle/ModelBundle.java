package org.medimg4j.models.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.medimg4j.core.file.AtomicFile;
import org.medimg4j.core.transform.TransformChain;
import org.medimg4j.models.backend.OneDnn;

/**
 * A trained network with everything needed to use it again correctly, in one zip file:
 * <ul>
 *   <li>{@value #DESCRIPTOR_ENTRY}: the {@link BundleDescriptor} as JSON (name, version, task, input spec with the
 *       preprocessing chain as data, output spec, training summary, provenance, the weights' SHA-256);</li>
 *   <li>{@value #WEIGHTS_ENTRY}: the network as DL4J's {@code ModelSerializer} writes it (configuration and
 *       parameters, no updater state), stored uncompressed.</li>
 * </ul>
 * {@link #save} writes atomically (temporary file and rename). {@link #load} refuses, with a
 * {@link BundleException} naming the file and the problem, a file that is not a zip, lacks an entry, fails the
 * zip CRC or the SHA-256 of the weights, has another format name or version, names an unknown preprocessing
 * transform, or whose network does not match it (one input, one output, one output channel per label); the preprocessing chain is rebuilt from the descriptor at load, so a bundle that loads can be run.
 *
 * <p>Example descriptor:
 * <pre>{@code
 * {
 *   "format" : "medimg4j-model-bundle", "formatVersion" : 1,
 *   "name" : "lesion-unet2d", "version" : "1.0.0", "task" : "segmentation",
 *   "input" : { "channels" : 1, "size" : [ 256, 256, 1 ], "spacingMm" : [ 0.8, 0.8, 1.0 ], "orientation" : "LPS",
 *     "preprocessing" : [
 *       { "type" : "Reorient.to", "parameters" : { "code" : "LPS" } },
 *       { "type" : "WindowLevel", "parameters" : { "centerHu" : 40.0, "widthHu" : 400.0, "scaledToUnit" : true } } ] },
 *   "output" : { "activation" : "softmax", "labels" : [ "background", "lesion" ] },
 *   "training" : { "dataset" : "CT phantoms", "trainingCases" : 40, "validationCases" : 10, "epochs" : 30,
 *                  "validationMetrics" : { "dice[1]" : 0.87 } },
 *   "provenance" : { "library" : "medimg4j", "libraryVersion" : "0.1.0", "dl4jVersion" : "1.0.0-M2.1",
 *                    "seed" : 42, "created" : "2026-11-25T03:00:00Z", "trainer" : "Trainer[adam(lr=0.001), …]" },
 *   "weights" : { "entry" : "model.dl4j.zip", "sha256" : "9f2c…", "bytes" : 123456 }
 * }
 * }</pre>
 *
 * @param network    the network
 * @param descriptor its descriptor (after {@link #load}, with the weights' checksum)
 */
public record ModelBundle(ComputationGraph network, BundleDescriptor descriptor) {

    /** The descriptor's zip entry. */
    public static final String DESCRIPTOR_ENTRY = "bundle.json";
    /** The network's zip entry. */
    public static final String WEIGHTS_ENTRY = "model.dl4j.zip";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** @throws NullPointerException naming network or descriptor if null */
    public ModelBundle {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(descriptor, "descriptor");
    }

    /** @return the preprocessing the network was trained with, as a core transform chain */
    public TransformChain preprocessing() {
        return descriptor.input().preprocessingChain();
    }

    /**
     * Writes the bundle to {@code file}, replacing it atomically.
     *
     * @return the descriptor as written, with the weights' entry name, SHA-256 and size
     * @throws BundleException (WRITE_FAILED) naming the file when writing fails, or (UNKNOWN_TRANSFORM,
     *                         INVALID_DESCRIPTOR) when the preprocessing cannot be rebuilt, or (INCOMPATIBLE) when
     *                         the labels do not match the output channels — a bundle that could not be loaded is
     *                         never written
     */
    public BundleDescriptor save(Path file) throws BundleException {
        Path target = file.toAbsolutePath();
        checkPreprocessing(target, descriptor);
        checkOutputs(target, network, descriptor);
        Path model = null;
        try {
            model = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".model", ".tmp");
            ModelSerializer.writeModel(network, model.toFile(), false);
            // One pass gives the SHA-256 for the descriptor and the CRC a STORED zip entry needs up front.
            MessageDigest sha = sha256();
            CRC32 crc = new CRC32();
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(model)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    crc.update(buf, 0, n);
                }
            }
            long size = Files.size(model);
            BundleDescriptor written = descriptor.withWeights(
                    new WeightsEntry(WEIGHTS_ENTRY, HexFormat.of().formatHex(sha.digest()), size));
            byte[] json = JSON.writeValueAsBytes(written);
            Path modelFile = model;
            AtomicFile.write(target, tmp -> {
                try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                    zip.putNextEntry(new ZipEntry(DESCRIPTOR_ENTRY));
                    zip.write(json);
                    zip.closeEntry();
                    ZipEntry w = new ZipEntry(WEIGHTS_ENTRY);
                    w.setMethod(ZipEntry.STORED);   // already a zip: deflating it again gains nothing
                    w.setSize(size);
                    w.setCompressedSize(size);
                    w.setCrc(crc.getValue());
                    zip.putNextEntry(w);
                    Files.copy(modelFile, zip);
                    zip.closeEntry();
                }
            });
            return written;
        } catch (IOException e) {
            throw new BundleException(target, BundleException.Problem.WRITE_FAILED, "cannot write: " + e, e);
        } finally {
            if (model != null) {
                try {
                    Files.deleteIfExists(model);
                } catch (IOException e) {
                    // a stray temporary file is not worth failing a written bundle for
                }
            }
        }
    }

    /**
     * Reads and verifies a bundle.
     *
     * @throws BundleException naming the file and the {@link BundleException.Problem}
     */
    public static ModelBundle load(Path file) throws BundleException {
        if (Files.isDirectory(file)) {
            throw new BundleException(file, BundleException.Problem.UNREADABLE, "is a directory, not a bundle file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            BundleDescriptor d = readDescriptor(file, zip);
            checkPreprocessing(file, d);
            WeightsEntry w = d.weights();
            ZipEntry entry = zip.getEntry(w.entry());
            if (entry == null) {
                throw new BundleException(file, BundleException.Problem.MISSING_ENTRY, "the weights entry '"
                        + w.entry() + "' named by the descriptor is missing");
            }
            byte[] bytes = readVerified(file, zip, entry, w);
            ComputationGraph net;
            try {
                OneDnn.enable();   // DL4J picks a layer's oneDNN helper when the layer is created
                net = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), false);
            } catch (IOException | RuntimeException e) {
                throw new BundleException(file, BundleException.Problem.INVALID_MODEL, "DL4J cannot restore the "
                        + "network from '" + w.entry() + "': " + e.getMessage(), e);
            }
            checkOutputs(file, net, d);
            return new ModelBundle(net, d);
        } catch (NoSuchFileException e) {
            throw new BundleException(file, BundleException.Problem.UNREADABLE, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new BundleException(file, BundleException.Problem.UNREADABLE, "access denied", e);
        } catch (ZipException e) {
            throw new BundleException(file, BundleException.Problem.NOT_A_ZIP, "not a zip archive (" + e.getMessage()
                    + ")", e);
        } catch (BundleException e) {
            throw e;
        } catch (IOException e) {
            throw new BundleException(file, BundleException.Problem.UNREADABLE, "cannot read: " + e, e);
        }
    }

    /**
     * Reads only the descriptor of a bundle (no checksum check, no network): for listing models.
     *
     * @throws BundleException naming the file and the problem
     */
    public static BundleDescriptor readDescriptor(Path file) throws BundleException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return readDescriptor(file, zip);
        } catch (ZipException e) {
            throw new BundleException(file, BundleException.Problem.NOT_A_ZIP, "not a zip archive (" + e.getMessage()
                    + ")", e);
        } catch (BundleException e) {
            throw e;
        } catch (IOException e) {
            throw new BundleException(file, BundleException.Problem.UNREADABLE, "cannot read: " + e, e);
        }
    }

    private static BundleDescriptor readDescriptor(Path file, ZipFile zip) throws IOException {
        ZipEntry de = zip.getEntry(DESCRIPTOR_ENTRY);
        if (de == null) {
            throw new BundleException(file, BundleException.Problem.MISSING_ENTRY, "no descriptor entry '"
                    + DESCRIPTOR_ENTRY + "': not a medimg4j model bundle");
        }
        JsonNode tree;
        try (InputStream in = zip.getInputStream(de)) {
            tree = JSON.readTree(in);
        } catch (ZipException e) {
            throw new BundleException(file, BundleException.Problem.CORRUPTED, "entry '" + DESCRIPTOR_ENTRY
                    + "' is damaged (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BundleException(file, BundleException.Problem.INVALID_DESCRIPTOR, "'" + DESCRIPTOR_ENTRY
                    + "' is not valid JSON: " + e.getMessage(), e);
        }
        // Format and version first: a newer format may not bind to this library's records at all.
        String format = tree.path("format").asText(null);
        if (!BundleDescriptor.FORMAT.equals(format)) {
            throw new BundleException(file, BundleException.Problem.UNSUPPORTED_FORMAT, "descriptor format is '"
                    + format + "', expected '" + BundleDescriptor.FORMAT + "'");
        }
        JsonNode version = tree.path("formatVersion");
        if (!version.isInt() || version.intValue() != BundleDescriptor.FORMAT_VERSION) {
            throw new BundleException(file, BundleException.Problem.UNSUPPORTED_FORMAT, "descriptor formatVersion "
                    + version + " is not supported; this library reads version " + BundleDescriptor.FORMAT_VERSION);
        }
        BundleDescriptor d;
        try {
            d = JSON.treeToValue(tree, BundleDescriptor.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException(file, BundleException.Problem.INVALID_DESCRIPTOR, "descriptor: "
                    + e.getMessage(), e);
        }
        WeightsEntry w = d.weights();
        if (w == null || w.entry() == null || w.sha256() == null || !w.sha256().matches("[0-9a-f]{64}")) {
            throw new BundleException(file, BundleException.Problem.INVALID_DESCRIPTOR, "descriptor 'weights' must "
                    + "name the entry and its SHA-256 as 64 lower-case hex digits, got " + w);
        }
        return d;
    }

    private static byte[] readVerified(Path file, ZipFile zip, ZipEntry entry, WeightsEntry w) throws IOException {
        MessageDigest sha = sha256();
        byte[] bytes;
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), sha)) {
            bytes = in.readAllBytes();
        } catch (ZipException e) {
            throw new BundleException(file, BundleException.Problem.CORRUPTED, "entry '" + w.entry()
                    + "' is damaged (" + e.getMessage() + ")", e);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(w.sha256())) {
            throw new BundleException(file, BundleException.Problem.CHECKSUM_MISMATCH, "SHA-256 of '" + w.entry()
                    + "' is " + actual + ", the descriptor records " + w.sha256()
                    + ": the weights were changed or damaged");
        }
        return bytes;
    }

    private static void checkPreprocessing(Path file, BundleDescriptor d) throws BundleException {
        for (int i = 0; i < d.input().preprocessing().size(); i++) {
            PreprocessingStep s = d.input().preprocessing().get(i);
            try {
                s.toTransform();
            } catch (PreprocessingStep.UnknownTransformException e) {
                throw new BundleException(file, BundleException.Problem.UNKNOWN_TRANSFORM, "preprocessing step " + i
                        + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new BundleException(file, BundleException.Problem.INVALID_DESCRIPTOR, "preprocessing step " + i
                        + " (" + s.type() + "): " + e.getMessage(), e);
            }
        }
    }

    /**
     * The network must have one input and one output, and an output layer that declares its size must have one
     * channel per label: a bundle whose labels do not match the network would mislabel every prediction.
     */
    private static void checkOutputs(Path file, ComputationGraph net, BundleDescriptor d) throws BundleException {
        var conf = net.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new BundleException(file, BundleException.Problem.INCOMPATIBLE, "the network has "
                    + conf.getNetworkInputs().size() + " inputs and " + conf.getNetworkOutputs().size()
                    + " outputs; a bundle holds a network with one of each");
        }
        String out = conf.getNetworkOutputs().get(0);
        if (conf.getVertices().get(out) instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff
                && ff.getNOut() > 0 && ff.getNOut() != d.output().labels().size()) {
            throw new BundleException(file, BundleException.Problem.INCOMPATIBLE, "output layer '" + out + "' has "
                    + ff.getNOut() + " channels but the descriptor names " + d.output().labels().size() + " labels "
                    + d.output().labels());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
