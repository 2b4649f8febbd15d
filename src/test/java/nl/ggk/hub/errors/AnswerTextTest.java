package nl.ggk.hub.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerTextTest {

    @Test
    void aStandaloneNineDigitNumberIsMaskedInAnAnswer() {
        assertThat(AnswerText.masked("berichtcode 999990019 is onbekend"))
                .isEqualTo("berichtcode *****0019 is onbekend");
    }

    @Test
    void digitsInsideADeliveryIdOrATimestampAreLeftAlone() {
        String id = "levering afe19f47-e8d3-49fb-ba9e-e123457722a2 van 20261201123602";
        assertThat(AnswerText.masked(id)).isEqualTo(id);
    }
}
