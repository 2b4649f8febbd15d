package nl.ggk.hub.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import nl.ggk.hub.org.OrganisationRegistry;
import org.junit.jupiter.api.Test;

/** The OIN of a client certificate, and the registry that knows an organisation by it. */
class OinTest {

    private static final TestPki PKI = new TestPki("OIN test CA");

    @Test
    void theOinIsTheSubjectSerialNumberOfTwentyDigits() {
        assertThat(Oin.of(PKI.client("Gemeente Amsterdam", "00000001000000363000").certificate()))
                .contains("00000001000000363000");
        assertThat(Oin.of(PKI.client("Iemand", "0363").certificate())).isEmpty();
        assertThat(Oin.of(PKI.client("Iemand", "0000000100000036300A").certificate())).isEmpty();
        assertThat(Oin.of(null)).isEmpty();
    }

    @Test
    void theRegistryKnowsAnOrganisationByItsOinAndRefusesABadOrSharedOne() throws Exception {
        OrganisationRegistry registry = registry("""
                gemeenten:
                  - { code: "0363", name: Amsterdam, oin: "00000001000000363000" }
                  - { code: "0518", name: Den Haag }
                chainParties:
                  - { id: RINIS, name: RINIS, oin: "00000001000000000001" }
                """);
        assertThat(registry.organisationOfOin("00000001000000363000")).contains("0363");
        assertThat(registry.organisationOfOin("00000001000000000001")).contains("RINIS");
        assertThat(registry.organisationOfOin("00000001000000518000")).isEmpty();

        assertThatThrownBy(() -> registry("gemeenten:\n  - { code: \"0363\", name: A, oin: \"0000000100000036300\" }\n"))
                .hasMessageContaining("20 digits");
        assertThatThrownBy(() -> registry("""
                gemeenten:
                  - { code: "0363", name: A, oin: "00000001000000363000" }
                  - { code: "0518", name: B, oin: "00000001000000363000" }
                """)).hasMessageContaining("both 0363 and 0518");
    }

    private static OrganisationRegistry registry(String yaml) throws Exception {
        return OrganisationRegistry.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
