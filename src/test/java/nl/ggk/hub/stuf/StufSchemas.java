package nl.ggk.hub.stuf;

import nl.ggk.hub.testsupport.ReferenceFiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Assumptions;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates messages against the official StUF schemas in the shared reference folder (system property
 * {@code ggk.reference.dir}). Every method skips the calling test (JUnit Assumptions) when that folder is absent.
 * Reusable by any test: {@code StufSchemas.assertValidFo01(path)}, {@code StufSchemas.assertValidEnvelope(path)}.
 */
public final class StufSchemas {

    public static final String REFERENCE_DIR_PROPERTY = "ggk.reference.dir";
    /** StUF 03.01 base schema: Fo01, Fo03, Bv03. */
    public static final String FO01_XSD = "stuf-ggk0210/0301/stuf0301.xsd";
    /** StUF-GGk 0210 envelopes (Di01, Du01); includes ../../0301/stuf0301.xsd, so the folder layout is kept. */
    public static final String ENVELOPE_XSD = "stuf-ggk0210/ggk0210/ggkberichten/ggk0210_msg_ggkberichten.xsd";

    private static final String GGK_NS = "http://www.stufstandaarden.nl/koppelvlak/ggk0210";
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private StufSchemas() {
    }

    /** The reference folder; skips the test with a clear message when it is not there. */
    public static Path referenceDir() {
        return ReferenceFiles.dir();
    }

    /** A file in the reference folder (e.g. {@code istandaarden-3.2/iwmo/berichten/WMO301.xml}); skips when absent. */
    public static Path reference(String relative) {
        return ReferenceFiles.file(relative);
    }

    public static void assertValidFo01(Path xml) {
        assertValid(xml, FO01_XSD);
    }

    public static void assertValidEnvelope(Path xml) {
        assertValid(xml, ENVELOPE_XSD);
    }

    /** Fails with every schema violation (line:column: message) when {@code xml} is not valid against {@code xsd}. */
    public static void assertValid(Path xml, String xsdRelativeToReferenceDir) {
        assertThat(problems(xml, xsdRelativeToReferenceDir))
                .as("%s against %s", xml.getFileName(), xsdRelativeToReferenceDir)
                .isEmpty();
    }

    /** The schema violations of {@code xml}, empty when valid. */
    public static List<String> problems(Path xml, String xsdRelativeToReferenceDir) {
        Schema schema = schema(xsdRelativeToReferenceDir);
        List<String> problems = new ArrayList<>();
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    problems.add("not well-formed at " + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                }
            });
            try (InputStream in = Files.newInputStream(xml)) {
                validator.validate(new StreamSource(in, xml.toUri().toString()));
            }
        } catch (SAXException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + xml, e);
        }
        return problems;
    }

    /**
     * Decodes the base64 payload ({@code xmlBestand} or {@code tekstBestand}) of an envelope into {@code target},
     * streaming (works for 25 MB). Returns the tekstBestand's bestandsnaam, or null for an xmlBestand.
     */
    public static String envelopePayload(Path envelope, Path target) throws IOException {
        Path base64 = Files.createTempFile(target.toAbsolutePath().getParent(), "payload", ".b64");
        String[] bestandsnaam = {null};
        boolean[] found = {false};
        // SAX hands over large text in chunks; the JDK's StAX reader gathers a 30 MB text node piece by piece, slowly
        try (Writer ascii = Files.newBufferedWriter(base64, StandardCharsets.US_ASCII)) {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(envelope.toFile(), new DefaultHandler() {
                private boolean inside;

                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if (GGK_NS.equals(uri) && ("xmlBestand".equals(localName) || "tekstBestand".equals(localName))) {
                        inside = true;
                        found[0] = true;
                        bestandsnaam[0] = attributes.getValue("", "bestandsnaam");
                    }
                }

                @Override
                public void endElement(String uri, String localName, String qName) {
                    inside = false;
                }

                @Override
                public void characters(char[] ch, int start, int length) throws SAXException {
                    if (inside) {
                        try {
                            ascii.write(ch, start, length);
                        } catch (IOException e) {
                            throw new SAXException(e);
                        }
                    }
                }
            });
        } catch (SAXException | ParserConfigurationException e) {
            throw new AssertionError("envelope " + envelope + " is not well-formed: " + e.getMessage(), e);
        }
        assertThat(found[0]).as("envelope %s holds an xmlBestand or tekstBestand", envelope.getFileName()).isTrue();
        try (InputStream decoded = Base64.getMimeDecoder().wrap(new BufferedInputStream(Files.newInputStream(base64), 64 * 1024))) {
            Files.copy(decoded, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.delete(base64);
        }
        return bestandsnaam[0];
    }

    private static Schema schema(String relative) {
        Path xsd = reference(relative);
        return SCHEMAS.computeIfAbsent(xsd.toAbsolutePath().toString(), key -> {
            try {
                SchemaFactory factory = SchemaFactory.newDefaultInstance();
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
                return factory.newSchema(xsd.toFile());
            } catch (SAXException e) {
                throw new AssertionError("cannot load schema " + xsd + ": " + e.getMessage(), e);
            }
        });
    }
}
