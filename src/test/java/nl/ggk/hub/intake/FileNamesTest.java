package nl.ggk.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void theDisplayNameIsTheNameAsWrittenWithoutFolderOrControlCharacters() {
        assertThat(FileNames.display("berichten Diemen – week 48 é.zip")).isEqualTo("berichten Diemen – week 48 é.zip");
        assertThat(FileNames.display("C:\\Users\\jan\\a b.zip")).isEqualTo("a b.zip");
        assertThat(FileNames.display("x\r\ny.csv")).isEqualTo("xy.csv");
        assertThat(FileNames.display("d".repeat(5000))).hasSize(FileNames.MAX_DISPLAY_LENGTH);
    }

    @Test
    void theNameOnDiskIsAsciiWithoutPath() {
        assertThat(FileNames.safe("berichten Diemen – week 48 é.zip")).isEqualTo("berichten_Diemen___week_48_e.zip");
        assertThat(FileNames.safe("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.safe("...")).isEqualTo("delivery");
    }

    @Test
    void aLongNameIsShortenedWithAHashSoThatTwoLongNamesStayApart() {
        String a = FileNames.safe("a".repeat(1000) + "1.xml");
        String b = FileNames.safe("a".repeat(1000) + "2.xml");

        assertThat(a).hasSize(FileNames.MAX_SAFE_LENGTH).endsWith(".xml").matches("[A-Za-z0-9._-]+");
        assertThat(b).hasSize(FileNames.MAX_SAFE_LENGTH);
        assertThat(a).isNotEqualTo(b);
        assertThat(FileNames.safe("a".repeat(1000) + "1.xml")).isEqualTo(a);
    }
}
