package nl.ggk.hub.gmsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.store.ContentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One gemeente per entry, inside a GMSD file: records whose gemeentecode is another gemeente's than the file name's
 * (which the delivery's gemeente was held to when the entry was classified) are refused with GGK003 naming both,
 * and never forwarded, not even under the policy forward-with-warnings; other findings keep GGK001 and the policy.
 */
class RecordsOfAnotherGemeenteTest {

    @TempDir
    Path dir;

    private TechnicalCheck.Outcome check(String name, String csv, TechnicalCheck.Policy policy) throws Exception {
        OrganisationRegistry registry;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("organisations.yaml")) {
            registry = OrganisationRegistry.load(in);
        }
        ContentStore store = new ContentStore(dir.resolve("store"));
        String ref = store.store(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))).ref();
        TechnicalCheck check = new TechnicalCheck(new GmsdValidator(GmsdSpecifications.loadDefaults(), registry,
                ValidationSettings.DEFAULTS), new FeedbackReport(), store, registry, policy);
        EntryMessage entry = new EntryMessage("d-1", "SWV-HR", Instant.parse("2026-07-15T10:00:00Z"), 0, name,
                Kind.CBS, "WMO", ref, ref, false, null, null, "d-1", name, "CBS", null);
        return check.check(entry);
    }

    private static String example(String gemeente) throws Exception {
        return Files.readString(Path.of("docs/examples/0384_WMO_2026H1.csv")).replace(";0384;", ";" + gemeente + ";");
    }

    @Test
    void leidensRecordsUnderLeiderdorpsNameAreGgk003AndStayAwayFromCbsWhateverThePolicy() throws Exception {
        for (TechnicalCheck.Policy policy : TechnicalCheck.Policy.values()) {
            TechnicalCheck.Outcome outcome = check("0547_WMO_2026H1.csv", example("0546"), policy);

            assertThat(outcome.forward()).as(policy.name()).isFalse();
            assertThat(outcome.gmsdFile()).isNull();
            EntryMessage refused = outcome.refusedEntry();
            assertThat(refused.reason()).isEqualTo("gemeente-mismatch");
            assertThat(refused.detail()).isEqualTo("Records in 0547_WMO_2026H1.csv zijn van Leiden (0546), maar het"
                    + " bestand is aangeleverd voor Leiderdorp (0547). Zie de technische terugkoppeling.");
            assertThat(outcome.summary()).contains("Gemeentecode in bestand: 3");
            assertThat((byte[]) outcome.feedback().content()).isNotEmpty();
        }
    }

    @Test
    void otherFindingsKeepGgk001AndThePolicy() throws Exception {
        String badBsn = example("0547").replace("999990007", "123456789");

        TechnicalCheck.Outcome rejected = check("0547_WMO_2026H1.csv", badBsn, TechnicalCheck.Policy.REJECT);
        TechnicalCheck.Outcome warned = check("0547_WMO_2026H1.csv", badBsn, TechnicalCheck.Policy.FORWARD_WITH_WARNINGS);

        assertThat(rejected.forward()).isFalse();
        assertThat(rejected.refusedEntry().reason()).isEqualTo("gmsd-rejected");
        assertThat(warned.forward()).isTrue();
    }
}
