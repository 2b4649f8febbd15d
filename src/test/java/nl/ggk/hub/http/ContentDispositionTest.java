package nl.ggk.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    private static final String DIEMEN = "berichten Diemen – week 48 é.zip";

    @Test
    void theExtendedFilenameWinsOverThePlainOneWhereverItStands() {
        String extended = "UTF-8''berichten%20Diemen%20%E2%80%93%20week%2048%20%C3%A9.zip";

        assertThat(ContentDisposition.filename("attachment; filename=\"fallback.zip\"; filename*=" + extended))
                .hasValue(DIEMEN);
        assertThat(ContentDisposition.filename("attachment; filename*=" + extended + "; filename=\"fallback.zip\""))
                .hasValue(DIEMEN);
    }

    @Test
    void aPlainFilenameInRawUtf8IsReadAsUtf8() {
        // a header value reaches Java one byte per char
        String asReceived = new String(DIEMEN.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(ContentDisposition.filename("attachment; filename=\"" + asReceived + "\"")).hasValue(DIEMEN);
    }

    @Test
    void quotedNamesMayHoldSemicolonsAndEscapedQuotes() {
        assertThat(ContentDisposition.filename("attachment; filename=\"a; \\\"b\\\".csv\"")).hasValue("a; \"b\".csv");
        assertThat(ContentDisposition.filename("attachment; filename=plain.csv")).hasValue("plain.csv");
    }

    @Test
    void aBrokenExtendedValueFallsBackToThePlainName() {
        assertThat(ContentDisposition.filename("attachment; filename=\"ok.zip\"; filename*=UTF-8''%ZZ.zip"))
                .hasValue("ok.zip");
        assertThat(ContentDisposition.filename("attachment")).isEmpty();
        assertThat(ContentDisposition.filename(null)).isEmpty();
    }
}
