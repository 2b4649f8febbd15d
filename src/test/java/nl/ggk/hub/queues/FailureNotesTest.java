package nl.ggk.hub.queues;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a dead letter tells the operator about its failure: why, a short stack, when; no server path, no BSN. */
class FailureNotesTest {

    @Test
    void theReasonAndStackNameNoServerPathNorBsn() {
        Map<String, Object> headers = new HashMap<>();
        IllegalStateException failure = new IllegalStateException("could not write 999990019.xml",
                new IOException("Cannot store file: /srv/ggk/data/outbound/iwmo/.part-1-WMO301.xml"));
        new FailureNotes(Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC)).note(headers, failure);

        assertThat(headers.get(QueueBrowsing.FAILED_AT_HEADER)).isEqualTo("2026-12-07T12:00:00Z");
        assertThat((String) headers.get(QueueBrowsing.REASON_HEADER)).isEqualTo("could not write *****0019.xml");
        String stack = (String) headers.get(QueueBrowsing.STACK_HEADER);
        assertThat(stack).startsWith("java.lang.IllegalStateException: could not write *****0019.xml")
                .contains("caused by java.io.IOException: Cannot store file: [pad]")
                .contains("at nl.ggk.hub.queues.FailureNotesTest")
                .doesNotContain("/srv/ggk").doesNotContain("999990019");
    }

    @Test
    void aDeadLetterWithoutExceptionStillSaysWhen() {
        Map<String, Object> headers = new HashMap<>();
        new FailureNotes(Clock.systemUTC()).note(headers, null);
        assertThat(headers).containsKey(QueueBrowsing.FAILED_AT_HEADER).doesNotContainKey(QueueBrowsing.REASON_HEADER);
    }
}
