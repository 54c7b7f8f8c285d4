package org.medimg4j.imagej;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.medimg4j.core.file.AtomicFile;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * Writes volumes and label volumes as ImageJ TIFF stacks, and reads them back.
 *
 * <p>The file is what ImageJ's own File › Save As › Tiff writes ({@link FileSaver}) for the ImagePlus that
 * {@link ImagePlusVolumes} or {@link ImagePlusLabels} makes: ImageJ opens it with the spacing (mm), origin, value
 * calibration (HU for CT), display range and label colours; the {@code medimg4j.*} image properties and Info text
 * it also holds let {@link #read(Path)} restore the full geometry (direction cosines, exact spacing) and metadata.
 * A volume one slice deep is a single-image TIFF, several channels a hyperstack.
 *
 * <p>Writing goes to a temporary file in the target's directory, forced to disk, then renamed onto the target
 * (atomically where the file system allows): a failure never leaves a half-written target, and the temporary file
 * is removed. ImageJ reports a failed save on its error channel (a line on the console when headless, a dialog in
 * a running ImageJ) besides the {@link ImageJInteropException} thrown here.
 */
public final class ImageJTiff {

    private ImageJTiff() {
    }

    /**
     * Writes {@code volume} with its data range as display range.
     *
     * @param volume the volume
     * @param file the target, replaced if it exists; its directory must exist
     * @throws ImageJInteropException naming the path, if the directory is missing or not a directory, the target is
     *                                a directory, or ImageJ cannot write the file
     * @throws IOException            if the temporary file cannot be made, forced or renamed
     */
    public static void write(Volume volume, Path file) throws IOException {
        write(volume, null, file);
    }

    /**
     * @param volume the volume
     * @param window the display range saved with it, in the volume's units (HU for CT); null for the data range
     * @param file   the target, replaced if it exists; its directory must exist
     * @throws ImageJInteropException naming the path, as {@link #write(Volume, Path)}
     * @throws IOException            if the temporary file cannot be made, forced or renamed
     */
    public static void write(Volume volume, WindowLevel window, Path file) throws IOException {
        Objects.requireNonNull(volume, "volume");
        writeAtomically(ImagePlusVolumes.toImagePlus(volume, window), file);
    }

    /**
     * @param labels the label volume, saved 8-bit with the label colour table
     * @param file   the target, replaced if it exists; its directory must exist
     * @throws ImageJInteropException naming the path, as {@link #write(Volume, Path)}
     * @throws IOException            if the temporary file cannot be made, forced or renamed
     */
    public static void write(LabelVolume labels, Path file) throws IOException {
        Objects.requireNonNull(labels, "labels");
        writeAtomically(ImagePlusLabels.toImagePlus(labels), file);
    }

    /**
     * @param file an ImageJ TIFF (ours restores exactly; any other 8-, 16- or 32-bit TIFF ImageJ opens becomes a
     *             volume from its calibration, see {@link ImagePlusVolumes})
     * @return the volume
     * @throws ImageJInteropException naming the file, if it is missing, not a TIFF, not readable by ImageJ, or its
     *                                image cannot become a volume
     */
    public static Volume read(Path file) throws ImageJInteropException {
        return ImagePlusVolumes.toVolume(open(file), file.toString());
    }

    /**
     * @param file an 8-bit ImageJ TIFF, such as {@link #write(LabelVolume, Path)} writes
     * @return the label volume
     * @throws ImageJInteropException naming the file, as {@link #read(Path)}, or if the image is not 8-bit
     */
    public static LabelVolume readLabels(Path file) throws ImageJInteropException {
        return ImagePlusLabels.toLabelVolume(open(file), file.toString());
    }

    private static ImagePlus open(Path file) throws ImageJInteropException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ImageJInteropException(source, Files.isDirectory(file) ? "is a directory, not a TIFF file"
                    : "no such file");
        }
        Opener opener = new Opener();
        opener.setSilentMode(true);
        String path = file.toAbsolutePath().toString();
        int type = opener.getFileType(path);
        if (type != Opener.TIFF && type != Opener.TIFF_AND_DICOM) {
            throw new ImageJInteropException(source, "is not a TIFF file (ImageJ sees "
                    + (type >= 0 && type < Opener.types.length ? Opener.types[type] : "type " + type) + ")");
        }
        ImagePlus imp;
        try {
            imp = opener.openImage(path);
        } catch (RuntimeException e) {
            throw new ImageJInteropException(source, "ImageJ failed to read it: " + e, e);
        }
        if (imp == null) {
            throw new ImageJInteropException(source, "ImageJ could not open it as an image");
        }
        return imp;
    }

    private static void writeAtomically(ImagePlus imp, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new ImageJInteropException(target.toString(), "is a directory; give a file name to write");
        }
        if (!Files.isDirectory(dir)) {
            throw new ImageJInteropException(dir.toString(), Files.exists(dir)
                    ? "is not a directory (a file is in the way), cannot write " + target.getFileName() + " there"
                    : "directory does not exist, cannot write " + target.getFileName() + " there");
        }
        AtomicFile.write(target, tmp -> {
            FileSaver saver = new FileSaver(imp);
            boolean saved = imp.getStackSize() > 1 ? saver.saveAsTiffStack(tmp.toString())
                    : saver.saveAsTiff(tmp.toString());
            if (!saved) {
                throw new ImageJInteropException(target.toString(), "ImageJ's FileSaver could not write the TIFF"
                        + " (temporary file " + tmp.getFileName() + " in " + dir + ")");
            }
        });
    }
}
