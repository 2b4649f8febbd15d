package nl.ggk.hub.broker;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.IntakeRejectedException;
import org.apache.activemq.command.ActiveMQMessage;
import org.apache.activemq.util.ByteSequence;

/**
 * The payload of a message on {@code ggk.inbound}, read by the route itself (the consumer does not map the
 * body: {@code mapJmsMessage=false}). Before, an {@code ObjectMessage} failed inside the consumer, before the
 * route, and was redelivered for half an hour in everyone's way. Only a {@link TextMessage} (UTF-8) or a
 * {@link BytesMessage} carries a delivery; anything else is refused at once, so it is quarantined and
 * acknowledged. An object is never deserialised.
 */
public final class JmsPayloads {

    public InputStream payload(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] content = new byte[Math.toIntExact(bytes.getBodyLength())];
            bytes.readBytes(content);
            return new ByteArrayInputStream(content);
        }
        if (message instanceof TextMessage text && text.getText() != null) {
            return new ByteArrayInputStream(text.getText().getBytes(StandardCharsets.UTF_8));
        }
        throw new IntakeRejectedException(ErrorReasons.PAYLOAD_INVALID, "Een " + kind(message) + " bevat geen levering:"
                + " stuur het bestand als BytesMessage of TextMessage naar ggk.inbound.");
    }

    /** What is kept in quarantine of a refused message: its body as sent, never deserialised (may be empty). */
    public byte[] original(Object body) throws JMSException {
        if (!(body instanceof Message message)) {
            return body instanceof byte[] bytes ? bytes
                    : body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] content = new byte[Math.toIntExact(bytes.getBodyLength())];
            bytes.readBytes(content);
            return content;
        }
        if (message instanceof TextMessage text) {
            return text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof ActiveMQMessage activeMq && activeMq.getContent() != null) {
            ByteSequence content = activeMq.getContent();
            byte[] copy = new byte[content.getLength()];
            System.arraycopy(content.getData(), content.getOffset(), copy, 0, content.getLength());
            return copy;
        }
        return new byte[0];
    }

    private static String kind(Message message) {
        if (message == null) {
            return "bericht zonder inhoud";
        }
        if (message instanceof TextMessage) {
            return "TextMessage zonder tekst";
        }
        for (Class<?> type : new Class<?>[] {jakarta.jms.ObjectMessage.class, jakarta.jms.MapMessage.class,
                jakarta.jms.StreamMessage.class}) {
            if (type.isInstance(message)) {
                return type.getSimpleName();
            }
        }
        return "bericht zonder inhoud";
    }
}
