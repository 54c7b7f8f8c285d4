// DCMTK timed in-process on the files `dicom_peers.py make DIR` writes: the same operations as the JMH benchmarks
// (DicomScanBenchmark, DicomNativeDecodeBenchmark.readAndDecode, DicomDecodeBenchmark.readAndDecode), without the
// process start-up that the command-line tools add. dicom_peers.py builds and runs it when Debian's libdcmtk-dev
// and g++ are installed:
//
//   g++ -O2 -o /tmp/dcmtk_peer benchmarks/peers/dcmtk_peer.cpp -ldcmjpls -ldcmjpeg -ldcmdata -loflog -lofstd
//   /tmp/dcmtk_peer DIR
//
// Per frame: DcmFileFormat::loadFile, then for compressed files chooseRepresentation(Explicit VR Little Endian)
// (DCMTK's decompression into its own buffer), then findAndGetUint16Array (which loads a native value, left on disk
// by loadFile as it is over 4 KiB). The samples stay in DCMTK's buffer: no copy into a caller's array, which is
// a little less work than the Java benchmarks do. The scan is loadFileUntilTag(Pixel Data) of each file.
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpls/djdecode.h"
#include "dcmtk/oflog/oflog.h"

#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

static double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static void fail(const std::string &what, const OFCondition &c) {
    std::fprintf(stderr, "dcmtk_peer: %s: %s\n", what.c_str(), c.text());
    std::exit(1);
}

// Reads and decodes one frame; returns the sum of its signed samples (every one when `full`, else every 4096th,
// so that the timed work cannot be skipped without adding a pass over the frame).
static long long readDecode(const std::string &path, bool compressed, bool full = false) {
    DcmFileFormat ff;
    OFCondition c = ff.loadFile(path.c_str());
    if (c.bad()) fail(path, c);
    DcmDataset *ds = ff.getDataset();
    if (compressed) {
        c = ds->chooseRepresentation(EXS_LittleEndianExplicit, NULL);
        if (c.bad() || !ds->canWriteXfer(EXS_LittleEndianExplicit)) fail(path + " decompress", c);
    }
    const Uint16 *px = NULL;
    unsigned long n = 0;
    c = ds->findAndGetUint16Array(DCM_PixelData, px, &n);
    if (c.bad() || n != 512UL * 512UL) fail(path + " pixel data", c);
    long long sum = 0;
    for (unsigned long i = 0; i < n; i += full ? 1 : 4096) sum += (Sint16) px[i];
    return sum;
}

// Best (and median) of 7 rounds of `number` calls, seconds per call, as dicom_peers.py's best_of does.
template <class F>
static void bestOf(F fn, int number, double &best, double &median) {
    std::vector<double> t;
    for (int r = 0; r < 7; r++) {
        double t0 = now();
        for (int i = 0; i < number; i++) fn();
        t.push_back((now() - t0) / number);
    }
    std::sort(t.begin(), t.end());
    best = t[0];
    median = t[3];
}

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: dcmtk_peer DIR (the folder dicom_peers.py make wrote)\n");
        return 2;
    }
    std::string dir = argv[1];
    // loadFileUntilTag warns once per file that it skipped Pixel Data; printing that would be timed too.
    OFLog::configure(OFLogger::ERROR_LOG_LEVEL);
    DJDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();

    std::vector<std::string> scan;
    if (DIR *d = opendir((dir + "/scan").c_str())) {
        while (struct dirent *e = readdir(d)) {
            std::string n = e->d_name;
            if (n.size() > 4 && n.compare(n.size() - 4, 4, ".dcm") == 0) scan.push_back(dir + "/scan/" + n);
        }
        closedir(d);
    }
    std::sort(scan.begin(), scan.end());
    double best, median;
    bestOf([&] {
        for (const std::string &f : scan) {
            DcmFileFormat ff;
            OFCondition c = ff.loadFileUntilTag(f.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                                                ERM_autoDetect, DCM_PixelData);
            if (c.bad()) fail(f, c);
        }
    }, 1, best, median);
    std::printf("scan  DCMTK in-process loadFileUntilTag(PixelData): %.0f files/s (median %.0f)\n",
                scan.size() / best, scan.size() / median);

    struct Case { const char *name; const char *file; bool compressed; };
    const Case cases[] = {
        {"native", "ct512_native.dcm", false},
        {"jpeg_lossless_sv1", "ct512_jpeg_lossless_sv1.dcm", true},
        {"jpegls_lossless", "ct512_jpegls_lossless.dcm", true},
        {"rle", "ct512_rle.dcm", true},
    };
    long long reference = readDecode(dir + "/ct512_native.dcm", false, true);
    for (const Case &k : cases) {
        std::string path = dir + "/" + k.file;
        if (readDecode(path, k.compressed, true) != reference) {
            std::fprintf(stderr, "dcmtk_peer: %s decodes to other values than the native frame\n", k.name);
            return 1;
        }
        bestOf([&] { readDecode(path, k.compressed); }, k.compressed ? 10 : 200, best, median);
        std::printf("%s DCMTK in-process read+decode: %.3f ms/frame (median %.3f)\n", k.name, best * 1e3,
                    median * 1e3);
    }
    return 0;
}
