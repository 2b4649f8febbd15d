package nl.ggk.hub.stuf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.SAXException;

/**
 * The hub's own schema of what it accepts (classpath {@code xsd/ggk-hub/}: the two ggk0210 envelopes, StUF Fo01,
 * Bv03 and Fo03), written from the published structure. Loaded with secure processing and no external access;
 * immutable and thread-safe, so one instance serves the whole hub.
 *
 * <p>Validation is streaming: see {@link CheckingStreamReader}, which feeds a reader's events to the schema while
 * another reader (e.g. {@link EnvelopeReader}) consumes them.
 */
public final class StufSchema {

    static final String STUF_XSD = "xsd/ggk-hub/hub-stuf0301.xsd";
    static final String GGK_XSD = "xsd/ggk-hub/hub-ggk0210.xsd";

    private static final XMLInputFactory INPUT = EnvelopeReader.secureInputFactory();

    /** Compiled once per JVM: the files are fixed, the schema immutable (the web service and the CBS side share it). */
    private static volatile StufSchema shared;

    private final Schema schema;

    private StufSchema(Schema schema) {
        this.schema = schema;
    }

    /** The schema from the classpath; fails when a file is missing or invalid (a build error). */
    public static StufSchema load() {
        StufSchema loaded = shared;
        if (loaded == null) {
            synchronized (StufSchema.class) {
                loaded = shared;
                if (loaded == null) {
                    loaded = compile();
                    shared = loaded;
                }
            }
        }
        return loaded;
    }

    private static StufSchema compile() {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // the GGK document imports the StUF namespace without a location: it is found among these sources
            try (InputStream stuf = open(STUF_XSD); InputStream ggk = open(GGK_XSD)) {
                return new StufSchema(factory.newSchema(new Source[] {
                        new StreamSource(stuf, STUF_XSD), new StreamSource(ggk, GGK_XSD)}));
            }
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("cannot load the hub's StUF schema: " + e.getMessage(), e);
        }
    }

    /** A new validator handler (not thread-safe: one per message) with secure processing and no external access. */
    ValidatorHandler newValidatorHandler() {
        ValidatorHandler handler = schema.newValidatorHandler();
        try {
            handler.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("validator does not support secure processing", e);
        }
        return handler;
    }

    /**
     * The schema violations of a whole XML file (its root element), empty when valid; read in one streaming pass.
     * A file that is not well-formed gives one problem saying so.
     */
    public List<String> problems(Path xml) throws IOException {
        try (InputStream in = Files.newInputStream(xml)) {
            XMLStreamReader reader = new DepthLimitedReader(INPUT.createXMLStreamReader(in),
                    DepthLimitedReader.DEFAULT_MAX_DEPTH);
            try {
                reader.nextTag();
                CheckingStreamReader checking = new CheckingStreamReader(reader, this);
                checking.skipElement();
                return checking.problems();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return List.of("not well-formed: " + e.getMessage().replaceAll("\\s+", " ").strip());
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = StufSchema.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("classpath resource " + resource + " not found");
        }
        return in;
    }
}
