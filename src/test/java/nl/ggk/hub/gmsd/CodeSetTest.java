package nl.ggk.hub.gmsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A code list finds exactly its codes, whatever their length or characters, read from inside a larger buffer. */
class CodeSetTest {

    private static boolean contains(CodeSet set, String value) {
        char[] buf = ("xx" + value + "yy").toCharArray();
        return set.contains(buf, 2, value.length());
    }

    @Test
    void findsExactlyItsCodesOfEveryLength() {
        CodeSet set = new CodeSet(List.of("1", "02", "J", "abc", "1234", "12345", "é", "éé", "99999999"));

        for (String code : List.of("1", "02", "J", "abc", "1234", "12345", "é", "éé", "99999999")) {
            assertThat(contains(set, code)).as(code).isTrue();
        }
        for (String other : List.of("", "2", "01", "20", "j", "0", "ab", "abd", "123", "12346", "e", "ée", "9999999",
                "\u0080", "0\u00802")) {
            assertThat(contains(set, other)).as(other).isFalse();
        }
        assertThat(set.isEmpty()).isFalse();
        assertThat(new CodeSet(List.of()).isEmpty()).isTrue();
    }
}
