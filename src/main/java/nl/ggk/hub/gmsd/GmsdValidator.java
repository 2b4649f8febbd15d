package nl.ggk.hub.gmsd;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.ggk.hub.org.OrganisationRegistry;

/**
 * Checks a GMSD file against its specification in one streaming pass with bounded memory, whatever the
 * file size. The file type follows from the file name; the sender is the delivering organisation (a
 * gemeente or a samenwerkingsverband).
 */
public final class GmsdValidator {

    private final GmsdSpecifications specifications;
    private final OrganisationRegistry organisations;
    private final ValidationSettings settings;

    public GmsdValidator(GmsdSpecifications specifications, OrganisationRegistry organisations,
                         ValidationSettings settings) {
        this.specifications = Objects.requireNonNull(specifications);
        this.organisations = Objects.requireNonNull(organisations);
        this.settings = Objects.requireNonNull(settings);
    }

    public GmsdSpecifications specifications() {
        return specifications;
    }

    public ValidationResult validate(Path file, String sender) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return validate(in, file.getFileName().toString(), sender);
        }
    }

    /** Reads {@code in} to the end (or until the file is found unreadable as text); does not close it. */
    public ValidationResult validate(InputStream in, String filename, String sender) throws IOException {
        Optional<GmsdFileName> recognised = specifications.recognise(filename);
        if (recognised.isEmpty()) {
            return refusedByName(filename, sender, null);
        }
        Findings findings = new Findings(settings);
        GmsdFileName name = recognised.get();
        FileSpec spec = specifications.spec(name.type()).orElseThrow();
        checkSender(spec, name, sender, findings);

        boolean utf8Declared = false;
        boolean windows1252Listed = false;
        for (String encoding : spec.encodings()) {
            utf8Declared |= encoding.equalsIgnoreCase("UTF-8");
            windows1252Listed |= encoding.equalsIgnoreCase("windows-1252");
        }
        GuardedReader reader = new GuardedReader(new NonClosingInputStream(in), findings, settings.maxLineLength(),
                settings.windows1252Accepted() && windows1252Listed, !utf8Declared);
        RecordChecker checker = new RecordChecker(spec, name, findings, reader.longLines());
        try (CsvReader<Boolean> csv = CsvReader.builder()
                .fieldSeparator(spec.separatorChar())
                .quoteCharacter(spec.quotesAllowed() ? '"' : GuardedReader.NO_QUOTE)
                .skipEmptyLines(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .detectBomHeader(false)
                .maxBufferSize(Math.max(settings.maxLineLength() * 4, 1 << 16))
                .build(checker, reader)) {
            for (Boolean ignored : csv) {
                // the checker does the work as records pass
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            // only possible with quoting allowed (an unclosed quote); report instead of failing
            findings.add(Rule.AANHALINGSTEKENS, new Violation(Rule.AANHALINGSTEKENS.id(), 0, 0, "", "",
                    "Het bestand kon niet verder gelezen worden: een aanhalingsteken wordt niet afgesloten."));
        }
        if (!reader.fatal() && checker.dataRecords() == 0 && spec.fileRules().notEmpty()) {
            if (checker.headerSeen()) {
                findings.add(Rule.ALLEEN_KOP, new Violation(Rule.ALLEEN_KOP.id(), 0, 0, "", "",
                        "Het bestand bevat alleen een kopregel en geen records."));
            } else {
                findings.add(Rule.LEEG_BESTAND, new Violation(Rule.LEEG_BESTAND.id(), 0, 0, "", "",
                        "Het bestand bevat geen records."));
            }
        }
        return result(filename, recognised, sender, findings, checker.dataRecords(), reader.bytesRead());
    }

    /**
     * The result of a file refused by its name alone (no GMSD file name): one finding, the name, whose Dutch
     * explanation ends with {@code advice} (e.g. the correct spelling) when given. The content is not read.
     */
    public ValidationResult refusedByName(String filename, String sender, String advice) {
        Findings findings = new Findings(settings);
        findings.add(Rule.BESTANDSNAAM, new Violation(Rule.BESTANDSNAAM.id(), 0, 0, "", String.valueOf(filename),
                "De bestandsnaam hoort bij geen enkel GMSD-bestandstype; verwacht bijvoorbeeld "
                        + "<gemeentecode>_WMO_<jaar>H<1|2>.csv (typen: " + String.join(", ",
                        specifications.all().stream().map(FileSpec::type).toList()) + ")."
                        + (advice == null || advice.isBlank() ? "" : " " + advice.strip())));
        return result(filename, Optional.empty(), sender, findings, 0, 0);
    }

    private void checkSender(FileSpec spec, GmsdFileName name, String sender, Findings findings) {
        if (!spec.fileRules().senderMayDeliver()) {
            return;
        }
        if (!organisations.isGemeente(name.gemeentecode())) {
            findings.add(Rule.GEMEENTECODE_AFZENDER, new Violation(Rule.GEMEENTECODE_AFZENDER.id(), 0, 0, "",
                    name.gemeentecode(), "Gemeentecode " + name.gemeentecode() + " is niet bekend."));
        } else if (sender == null || sender.isBlank()) {
            findings.add(Rule.GEMEENTECODE_AFZENDER, new Violation(Rule.GEMEENTECODE_AFZENDER.id(), 0, 0, "",
                    name.gemeentecode(), "De afzender is onbekend; aanleveren voor gemeente "
                            + name.gemeentecode() + " is daarom niet toegestaan."));
        } else if (!organisations.mayActFor(sender, name.gemeentecode())) {
            findings.add(Rule.GEMEENTECODE_AFZENDER, new Violation(Rule.GEMEENTECODE_AFZENDER.id(), 0, 0, "",
                    name.gemeentecode(), organisations.displayName(sender) + " (" + sender
                            + ") mag niet aanleveren voor gemeente " + name.gemeentecode() + " ("
                            + organisations.displayName(name.gemeentecode()) + ")."));
        }
    }

    private static ValidationResult result(String filename, Optional<GmsdFileName> recognised, String sender,
                                           Findings findings, long records, long bytes) {
        List<ValidationResult.RuleResult> rules = findings.ruleResults();
        long total = findings.total();
        return new ValidationResult(filename, recognised, sender,
                total == 0 ? ValidationResult.Verdict.ACCEPTED : ValidationResult.Verdict.REJECTED,
                records, bytes, rules, findings.listedInLineOrder(), total);
    }

    /** The caller owns the stream (it may be a ZIP entry); the CSV reader must not close it. */
    private static final class NonClosingInputStream extends FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // leave the underlying stream open
        }
    }
}
