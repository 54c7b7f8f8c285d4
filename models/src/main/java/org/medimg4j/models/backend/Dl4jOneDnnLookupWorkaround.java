package org.medimg4j.models.backend;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.config.DL4JClassLoading;

/**
 * Workaround for a defect in Deeplearning4j 1.0.0-M2.1: its CPU layer helpers (oneDNN convolution, pooling, batch
 * norm, LRN) are switched off by a reflective look-up of a class that was renamed before 1.0.0-M1.
 *
 * <p><b>The defect.</b> {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper#mklDnnEnabled()}, which every
 * {@code MKLDNN*Helper#checkSupported()} calls, does
 * {@code DL4JClassLoading.loadClassByName("org.nd4j.nativeblas.Nd4jCpu$Environment")}, then
 * {@code getInstance()} and {@code isUseMKLDNN()} on it by reflection. In M2.1 that class is
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and the method is {@code isUseONEDNN()}; the
 * old name is gone, so the look-up logs "Cannot find class [org.nd4j.nativeblas.Nd4jCpu$Environment] of provided
 * class-loader", latches its private {@code FAILED_CHECK} flag and answers {@code false} for the rest of the
 * process. {@code HelperUtils.createHelper} then drops every oneDNN helper it has just made ("Removed helper ... as
 * not supported"), and ConvolutionLayer, SubsamplingLayer, BatchNormalization and LocalResponseNormalization fall
 * back to DL4J's own im2col/Java paths.
 *
 * <p><b>The workaround.</b> DL4J loads that name through its own replaceable class loader
 * ({@link DL4JClassLoading#setDl4jClassloader(ClassLoader)}). We wrap the loader DL4J had in one that delegates
 * everything to it and, only when the old name is not found there, defines a two-method class under that name
 * which forwards to the M2.1 successor: {@code getInstance()} returns
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()}, and the static
 * {@code isUseMKLDNN()} returns its {@code isUseONEDNN()}. So the answer is libnd4j's own live switch, not ours.
 * Nothing is added to the classpath and no class of ours sits in another library's package: the forwarder exists
 * only inside this private loader. It is generated as bytes here (about 400 bytes, two static methods, no branches)
 * because a source file under {@code org/nd4j/nativeblas} would put our class in ND4J's package for every user.
 *
 * <p>Proved by {@code OneDnnTest} (the look-up answers libnd4j's value, a ConvolutionLayer gets
 * {@code MKLDNNConvHelper}, and outputs with and without helpers agree). Delete this class when DL4J fixes the
 * look-up: {@code OneDnnTest#legacyLookupIsStillBrokenInThisDl4jVersion} fails then, as a reminder.
 */
final class Dl4jOneDnnLookupWorkaround {

    /** The pre-M1 binary name that M2.1's {@code BaseMKLDNNHelper} still looks up. */
    static final String LEGACY_CLASS = "org.nd4j.nativeblas.Nd4jCpu$Environment";
    /** Its successor in nd4j-native 1.0.0-M2.1 (only present with the CPU backend). */
    static final String CURRENT_CLASS = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

    private Dl4jOneDnnLookupWorkaround() {
    }

    /**
     * Makes DL4J's look-up of {@link #LEGACY_CLASS} succeed, if it does not already. Idempotent; call it before the
     * first 2-D layer is built, because DL4J latches a failed look-up for the life of the process.
     *
     * @return true if the loader was installed now, false if the look-up already worked (installed before, or a
     *     future DL4J/ND4J that has the class)
     */
    static synchronized boolean install() {
        ClassLoader current = DL4JClassLoading.getDl4jClassloader();
        if (current instanceof ForwardingLoader || resolves(current)) {
            return false;
        }
        DL4JClassLoading.setDl4jClassloader(new ForwardingLoader(current));
        return true;
    }

    /** @return whether DL4J's class loader now resolves {@link #LEGACY_CLASS} */
    static boolean installed() {
        return DL4JClassLoading.getDl4jClassloader() instanceof ForwardingLoader;
    }

    private static boolean resolves(ClassLoader loader) {
        try {
            Class.forName(LEGACY_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Delegates to DL4J's previous loader first; defines the forwarder only when that loader has no such class. */
    private static final class ForwardingLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        ForwardingLoader(ClassLoader parent) {
            super("medimg4j-dl4j-onednn-lookup", parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!LEGACY_CLASS.equals(name)) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = forwarderClassFile();
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /**
     * The class file of
     * <pre>
     * public final class org.nd4j.nativeblas.Nd4jCpu$Environment {
     *     public static Object getInstance() { return CURRENT.getInstance(); }
     *     public static boolean isUseMKLDNN() { return CURRENT.getInstance().isUseONEDNN(); }
     * }
     * </pre>
     * Class-file version 49 needs no StackMapTable (JVMS 4.10.1 applies from 50; there are no branches anyway).
     * {@code isUseMKLDNN} is static so that DL4J's {@code Method.invoke(instance)} ignores the receiver (as
     * {@code Method#invoke} does for static methods), whatever {@code getInstance} returned.
     */
    static byte[] forwarderClassFile() {
        String legacy = LEGACY_CLASS.replace('.', '/');
        String current = CURRENT_CLASS.replace('.', '/');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0); // minor
            out.writeShort(49); // major: Java 5
            out.writeShort(18); // constant_pool_count = entries + 1
            utf8(out, legacy); // #1
            classRef(out, 1); // #2 this class
            utf8(out, "java/lang/Object"); // #3
            classRef(out, 3); // #4 super
            utf8(out, "getInstance"); // #5
            utf8(out, "()Ljava/lang/Object;"); // #6
            utf8(out, "isUseMKLDNN"); // #7
            utf8(out, "()Z"); // #8
            utf8(out, "Code"); // #9
            utf8(out, current); // #10
            classRef(out, 10); // #11 the M2.1 class
            utf8(out, "()L" + current + ";"); // #12
            nameAndType(out, 5, 12); // #13 getInstance:()L...;
            methodRef(out, 11, 13); // #14 CURRENT.getInstance()
            utf8(out, "isUseONEDNN"); // #15
            nameAndType(out, 15, 8); // #16 isUseONEDNN:()Z
            methodRef(out, 11, 16); // #17 CURRENT#isUseONEDNN()
            out.writeShort(0x0001 | 0x0010 | 0x0020); // public final super
            out.writeShort(2); // this
            out.writeShort(4); // super
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(2); // methods
            // getInstance: invokestatic #14; areturn
            staticMethod(out, 5, 6, new byte[] {(byte) 0xB8, 0, 14, (byte) 0xB0});
            // isUseMKLDNN: invokestatic #14; invokevirtual #17; ireturn
            staticMethod(out, 7, 8, new byte[] {(byte) 0xB8, 0, 14, (byte) 0xB6, 0, 17, (byte) 0xAC});
            out.writeShort(0); // class attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return bytes.toByteArray();
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        out.writeByte(1);
        out.writeUTF(s); // modified UTF-8 with a u2 length, exactly CONSTANT_Utf8_info (JVMS 4.4.7)
    }

    private static void classRef(DataOutputStream out, int nameIndex) throws IOException {
        out.writeByte(7);
        out.writeShort(nameIndex);
    }

    private static void nameAndType(DataOutputStream out, int name, int descriptor) throws IOException {
        out.writeByte(12);
        out.writeShort(name);
        out.writeShort(descriptor);
    }

    private static void methodRef(DataOutputStream out, int classIndex, int nameAndType) throws IOException {
        out.writeByte(10);
        out.writeShort(classIndex);
        out.writeShort(nameAndType);
    }

    private static void staticMethod(DataOutputStream out, int name, int descriptor, byte[] code)
            throws IOException {
        out.writeShort(0x0001 | 0x0008); // public static
        out.writeShort(name);
        out.writeShort(descriptor);
        out.writeShort(1); // one attribute: Code
        out.writeShort(9); // "Code"
        out.writeInt(2 + 2 + 4 + code.length + 2 + 2); // attribute_length
        out.writeShort(1); // max_stack
        out.writeShort(0); // max_locals
        out.writeInt(code.length);
        out.write(code);
        out.writeShort(0); // exception_table_length
        out.writeShort(0); // attributes
    }
}
