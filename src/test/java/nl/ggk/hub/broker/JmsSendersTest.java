package nl.ggk.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.ggk.hub.intake.IntakeRejectedException;
import nl.ggk.hub.org.OrganisationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who delivered on the JMS door comes from the broker's login; the header may only narrow it to a member. */
class JmsSendersTest {

    private JmsSenders senders;

    @BeforeEach
    void setUp() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("config/organisations.yaml"))) {
            senders = new JmsSenders(OrganisationRegistry.load(in), "ggk-hub");
        }
    }

    @Test
    void theSenderIsTheAuthenticatedUserNotTheHeader() {
        assertThat(senders.sender("0384", "0363")).isEqualTo("0384");
        assertThat(senders.organisation("0384", null)).isEqualTo("0384");
        assertThat(senders.organisation("0384", "")).isEqualTo("0384");
        assertThat(senders.organisation("0384", "0384")).isEqualTo("0384");
    }

    @Test
    void aSamenwerkingsverbandMayNarrowToOneOfItsMembers() {
        assertThat(senders.sender("SWV-HR", "0546")).isEqualTo("SWV-HR");
        assertThat(senders.organisation("SWV-HR", "0546")).isEqualTo("0546");
    }

    @Test
    void namingAnOrganisationThatIsNotAMemberIsRefusedWithItsReason() {
        assertThatThrownBy(() -> senders.organisation("0384", "0363"))
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("not-authorised");
                    assertThat(e.getMessage()).contains("'0384' mag niet aanleveren voor organisatie '0363'")
                            .contains("deelnemende gemeente");
                });
        assertThatThrownBy(() -> senders.organisation("SWV-HR", "0363")).isInstanceOf(IntakeRejectedException.class);
        assertThatThrownBy(() -> senders.organisation("0546", "SWV-HR")).isInstanceOf(IntakeRejectedException.class);
    }

    @Test
    void aMessageWithoutAnAuthenticatedUserOrFromAnUnknownUserIsRefused() {
        assertThatThrownBy(() -> senders.sender(null, "0384"))
                .isInstanceOfSatisfying(IntakeRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("JMSXUserID"));
        assertThatThrownBy(() -> senders.sender("mallory", "0384"))
                .isInstanceOfSatisfying(IntakeRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("geen organisatie die de hub kent"));
    }

    @Test
    void theRoutesCheckStepRefusesWhatTheHeadersWouldRefuse() {
        senders.check("SWV-HR", "0547");
        assertThatThrownBy(() -> senders.check("0384", "0363")).isInstanceOf(IntakeRejectedException.class);
        assertThatThrownBy(() -> senders.check(null, null)).isInstanceOf(IntakeRejectedException.class);
    }

    @Test
    void theHubsOwnUserNamesTheOrganisationItDeliversFor() {
        assertThat(senders.sender("ggk-hub", "0384")).isEqualTo("0384");
        assertThat(senders.organisation("ggk-hub", "0384")).isEqualTo("0384");
        assertThatThrownBy(() -> senders.sender("ggk-hub", null)).isInstanceOf(IntakeRejectedException.class);
    }
}
