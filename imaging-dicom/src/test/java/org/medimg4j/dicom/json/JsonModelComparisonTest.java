package org.medimg4j.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oracle comparison finds what differs and accepts what is the same value written differently. */
class JsonModelComparisonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<String> compare(String ours, String oracle) throws Exception {
        JsonModelComparison c = new JsonModelComparison();
        c.compareItems("", MAPPER.readTree(ours), MAPPER.readTree(oracle));
        return c.differences();
    }

    @Test
    void sameValuesWrittenDifferentlyAreEqual() throws Exception {
        assertEquals(List.of(), compare(
                "{\"00101030\":{\"vr\":\"DS\",\"Value\":[-1024,5.000000]},"
                        + "\"00189219\":{\"vr\":\"FL\",\"Value\":[0.1]},"
                        + "\"00080005\":{\"vr\":\"CS\",\"Value\":[null,\"ISO 2022 IR 87\"]},"
                        + "\"00080008\":{\"vr\":\"CS\",\"Value\":[\"DERIVED\"]},"
                        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^John\"}]},"
                        + "\"00720083\":{\"vr\":\"UV\",\"Value\":[\"18446744073709551615\"]},"
                        + "\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI=\"}}",
                "{\"00101030\":{\"vr\":\"DS\",\"Value\":[-1024.0,5.0]},"
                        + "\"00189219\":{\"vr\":\"FL\",\"Value\":[0.10000000149011612]},"
                        + "\"00080005\":{\"vr\":\"CS\",\"Value\":[\"\",\"ISO 2022 IR 87\"]},"
                        + "\"00080008\":{\"vr\":\"CS\",\"Value\":[\"DERIVED \"]},"
                        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^John^^^\","
                        + "\"Ideographic\":\"\"}]},"
                        + "\"00720083\":{\"vr\":\"UV\",\"Value\":[18446744073709551615]},"
                        + "\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI=\"}}"));
    }

    @Test
    void everyKindOfDifferenceIsReported() throws Exception {
        List<String> d = compare(
                "{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]},"
                        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^Jon\"}]},"
                        + "\"00101030\":{\"vr\":\"DS\",\"Value\":[70.5]},"
                        + "\"00189219\":{\"vr\":\"FL\",\"Value\":[0.1]},"
                        + "\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI=\"},"
                        + "\"00091011\":{\"vr\":\"UN\",\"InlineBinary\":\"AQI=\"},"
                        + "\"00091012\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI=\"},"
                        + "\"00081115\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]}}]},"
                        + "\"00200013\":{\"vr\":\"IS\",\"Value\":[1]}}",
                "{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"MR\"]},"
                        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^John\"}]},"
                        + "\"00101030\":{\"vr\":\"DS\",\"Value\":[70.4]},"
                        + "\"00189219\":{\"vr\":\"FL\",\"Value\":[0.1001]},"
                        + "\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQM=\"},"
                        + "\"00091011\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI=\"},"
                        + "\"00091012\":{\"vr\":\"OB\",\"BulkDataURI\":\"\"},"
                        + "\"00081115\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.3\"]}}]},"
                        + "\"00200020\":{\"vr\":\"CS\",\"Value\":[\"L\"]}}");
        assertEquals(10, d.size(), String.join("\n", d));
        for (String tag : List.of("00080060", "00100010", "00101030", "00189219", "00091010", "00091011",
                "00091012", "00081115[0]/00081150", "00200013", "00200020")) {
            assertTrue(d.stream().anyMatch(x -> x.startsWith(tag)), tag + " not reported in " + d);
        }
    }
}
