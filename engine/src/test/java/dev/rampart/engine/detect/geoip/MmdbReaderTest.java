package dev.rampart.engine.detect.geoip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MmdbReaderTest {
    private static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    @Test
    void suricataVerifyTestDatabaseGivesItsTwoCountries() throws IOException {
        // the database suricata-verify's geoip test ships (written by MaxMind::DB::Writer, 24-bit records)
        Path shared = Path.of(System.getProperty("rampart.shared", "../../shared"));
        Path db = shared.resolve("conformance/suricata-verify/tests/geoip/test.mmdb");
        Assumptions.assumeTrue(Files.isRegularFile(db), "suricata-verify not available");
        MmdbReader r = MmdbReader.open(db);
        assertEquals(MmdbReader.pack("FR"), r.countryOf(ip(123, 125, 71, 29)));
        assertEquals(MmdbReader.pack("DE"), r.countryOf(ip(82, 165, 177, 154)));
        assertEquals(0, r.countryOf(ip(82, 165, 177, 155)));
        assertEquals(0, r.countryOf(ip(10, 0, 0, 1)));
    }

    @Test
    void notADatabaseIsAnError() {
        assertThrows(IOException.class, () -> MmdbReader.parse(new byte[64]));
    }
}
