package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionWorkloadTest {

    @Test
    void load_sameId_sameFieldsInNewStrings() {
        Map<String, String> first = SessionWorkload.load(12345);
        Map<String, String> second = SessionWorkload.load(12345);
        assertEquals(first, second);
        assertNotSame(first.get("csrf"), second.get("csrf"));
        assertEquals("user-12345", first.get("user"));
        assertNotEquals(first, SessionWorkload.load(12346));
    }

    @Test
    void load_manySessions_fiveFieldsOf194To269Bytes() {
        long total = 0;
        for (int id = 0; id < 100_000; id++) {
            Map<String, String> session = SessionWorkload.load(id);
            assertEquals(Set.of(SessionWorkload.FIELDS), session.keySet());
            int bytes = 0;
            for (Map.Entry<String, String> field : session.entrySet()) {
                bytes += field.getKey().length() + field.getValue().length();
            }
            assertTrue(bytes >= 194 && bytes <= 269, "session " + id + ": " + bytes + " bytes");
            total += bytes;
        }
        assertEquals(240, total / 100_000.0, 2);
    }

    @Test
    void idOfRank_everyRank_aDifferentSession() {
        SessionWorkload workload = new SessionWorkload(10_000);
        BitSet ids = new BitSet();
        for (int rank = 1; rank <= 10_000; rank++) {
            ids.set(workload.idOfRank(rank));
        }
        assertEquals(10_000, ids.cardinality());
        assertEquals(10_000, ids.length());
    }

    @Test
    void requests_sameSeed_sameSessions() {
        SessionWorkload workload = new SessionWorkload(1000);
        assertArrayEquals(workload.requests(0.99, 500, 7), workload.requests(0.99, 500, 7));
    }

    @Test
    void new_multipleOfTheScatter_throws() {
        for (int sessions : List.of(0, -1, 7919, 2 * 7919)) {
            assertThrows(IllegalArgumentException.class, () -> new SessionWorkload(sessions));
        }
    }
}
