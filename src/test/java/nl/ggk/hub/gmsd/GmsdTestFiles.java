package nl.ggk.hub.gmsd;

import java.io.IOException;
import java.io.InputStream;
import nl.ggk.hub.org.OrganisationRegistry;

/** Shared fixtures: the bundled specifications and organisation registry, and valid WMO lines. */
final class GmsdTestFiles {

    /** A valid, still running WMO record for 0363 in 2025H1. */
    static final String VALID_LINE = "20250715;0363;999990007;01;1;20250101;20251231;1;20250115;;5;04;2;12345;";
    /** A valid, ended WMO record (einddatum and reden beëindiging set). */
    static final String ENDED_LINE = "20250715;0363;999990019;02;2;20250101;20250601;2;20250110;20250531;3;14;2;500;02";

    private static GmsdSpecifications specs;
    private static OrganisationRegistry registry;

    private GmsdTestFiles() {
    }

    static synchronized GmsdSpecifications specs() {
        if (specs == null) {
            specs = GmsdSpecifications.loadDefaults();
        }
        return specs;
    }

    static synchronized OrganisationRegistry registry() {
        if (registry == null) {
            try (InputStream in = GmsdTestFiles.class.getClassLoader().getResourceAsStream("organisations.yaml")) {
                registry = OrganisationRegistry.load(in);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return registry;
    }

    static GmsdValidator validator() {
        return new GmsdValidator(specs(), registry(), ValidationSettings.DEFAULTS);
    }

    static GmsdValidator validator(ValidationSettings settings) {
        return new GmsdValidator(specs(), registry(), settings);
    }

    /** Replaces field {@code index} (0-based) of a {@code ;}-separated line. */
    static String withField(String line, int index, String value) {
        String[] fields = line.split(";", -1);
        fields[index] = value;
        return String.join(";", fields);
    }
}
