package nl.ggk.hub.ws;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.EnvelopeReader;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSchema;
import nl.ggk.hub.stuf.StufSettings;

/** Run in a JVM with a small heap by {@link SoapCodecMemoryTest}: reads one SOAP request file, payload to a file. */
public final class SmallHeapRead {

    private SmallHeapRead() {
    }

    public static void main(String[] args) throws Exception {
        SoapCodec codec = new SoapCodec(StufSchema.load(), new EnvelopeReader(), new StufBerichtReader(),
                new AnswerWriter(StufSettings.defaults()), SoapCodec.DEFAULT_MAX_BYTES);
        try (InputStream in = Files.newInputStream(Path.of(args[0]));
             OutputStream payload = Files.newOutputStream(Path.of(args[1]))) {
            SoapRequest request = codec.read(in, null, payload);
            System.out.println("payloadBytes=" + request.envelope().payloadBytes());
        }
    }
}
