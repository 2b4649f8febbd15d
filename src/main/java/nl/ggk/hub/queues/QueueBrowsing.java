package nl.ggk.hub.queues;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks into the hub's queues without taking anything off them (a JMS QueueBrowser, so it works on the embedded
 * ActiveMQ as on an external ActiveMQ or Artemis): how many messages a queue holds and how old its oldest is, and
 * the messages of a dead-letter queue one by one. A browse sees at most {@code browseMax} messages (and ActiveMQ at
 * most its destination's maxBrowsePageSize, 400 by default): beyond that the depth is a lower bound.
 */
public final class QueueBrowsing {

    /** The prefix of every dead-letter queue: DLQ.&lt;the queue a message failed on&gt;. */
    public static final String DLQ_PREFIX = "DLQ.";
    /** Headers of the hub's own that a dead letter carries (dead-letter route). */
    public static final String REASON_HEADER = "GgkFailureReason";
    public static final String STACK_HEADER = "GgkFailureStack";
    public static final String FAILED_AT_HEADER = "GgkFailedAt";
    public static final String DELIVERY_HEADER = "GgkDeliveryId";
    public static final String ENTRY_HEADER = "GgkEntryIndex";
    public static final String KIND_HEADER = "GgkKind";

    /** Depth and oldest message of one queue; {@code oldest} is null when the queue is empty. */
    public record Depth(String queue, int messages, Instant oldest, boolean atLeast) {
        public long oldestAgeSeconds(Instant now) {
            return oldest == null ? 0 : Math.max(0, now.getEpochSecond() - oldest.getEpochSecond());
        }
    }

    /** One message as browsed: its opaque id (base64url of the JMS message id), headers and body as text. */
    public record Browsed(String id, String jmsMessageId, Instant timestamp, Map<String, String> headers, String body,
                          boolean bodyTruncated) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final ConnectionFactory factory;
    private final int browseMax;
    private final int maxBodyChars;

    public QueueBrowsing(ConnectionFactory factory, int browseMax, int maxBodyChars) {
        this.factory = factory;
        this.browseMax = browseMax;
        this.maxBodyChars = maxBodyChars;
    }

    /** The depth of {@code queue} (a browse, bounded by browseMax). */
    public Depth depth(String queue) throws JMSException {
        return browse(queue, null, (browser) -> {
            int count = 0;
            Instant oldest = null;
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && count < browseMax) {
                Message m = (Message) messages.nextElement();
                count++;
                Instant at = timestamp(m);
                if (at != null && (oldest == null || at.isBefore(oldest))) {
                    oldest = at;
                }
            }
            return new Depth(queue, count, oldest, count >= browseMax);
        });
    }

    /** How many messages of {@code queue} match {@code selector} (null: all), counting up to {@code max}. */
    public int count(String queue, String selector, int max) throws JMSException {
        return browse(queue, selector, browser -> {
            int count = 0;
            Enumeration<?> messages = browser.getEnumeration();
            while (count < max && messages.hasMoreElements()) {
                messages.nextElement();
                count++;
            }
            return count;
        });
    }

    /** The messages of {@code queue}, oldest first, at most {@code limit}. */
    public List<Browsed> list(String queue, int limit) throws JMSException {
        return browse(queue, null, browser -> {
            List<Browsed> found = new ArrayList<>();
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && found.size() < Math.min(limit, browseMax)) {
                found.add(browsed((Message) messages.nextElement()));
            }
            return found;
        });
    }

    /** One message of {@code queue} by its opaque id. */
    public Optional<Browsed> find(String queue, String id) throws JMSException {
        String jmsId = jmsMessageId(id);
        if (jmsId == null) {
            return Optional.empty();
        }
        return browse(queue, selector(jmsId), browser -> {
            Enumeration<?> messages = browser.getEnumeration();
            return messages.hasMoreElements() ? Optional.of(browsed((Message) messages.nextElement()))
                    : Optional.<Browsed>empty();
        });
    }

    /** The opaque id the API uses for a JMS message id: base64url, safe in a path. */
    public static String idOf(String jmsMessageId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(jmsMessageId.getBytes(StandardCharsets.UTF_8));
    }

    /** The JMS message id of an opaque id, or null when it is not one. */
    public static String jmsMessageId(String id) {
        if (id == null || id.isEmpty() || id.length() > 400) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            return decoded.startsWith("ID:") && decoded.chars().allMatch(c -> c >= 0x21 && c < 0x7f && c != '\'')
                    ? decoded : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A selector on one message id (the id was checked: no quote in it). */
    static String selector(String jmsMessageId) {
        return "JMSMessageID = '" + jmsMessageId + "'";
    }

    private interface Browse<T> {
        T apply(QueueBrowser browser) throws JMSException;
    }

    private <T> T browse(String queueName, String selector, Browse<T> action) throws JMSException {
        Connection connection = factory.createConnection();
        try {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(queueName);
            try (QueueBrowser browser = selector == null ? session.createBrowser(queue)
                    : session.createBrowser(queue, selector)) {
                return action.apply(browser);
            } finally {
                session.close();
            }
        } finally {
            connection.close();
        }
    }

    private Browsed browsed(Message m) throws JMSException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Object name : Collections.list(m.getPropertyNames())) {
            Object value = m.getObjectProperty((String) name);
            headers.put((String) name, value == null ? null : String.valueOf(value));
        }
        String body = bodyOf(m);
        boolean truncated = body != null && body.length() > maxBodyChars;
        return new Browsed(idOf(m.getJMSMessageID()), m.getJMSMessageID(), timestamp(m), headers,
                truncated ? body.substring(0, maxBodyChars) : body, truncated);
    }

    static String bodyOf(Message m) throws JMSException {
        if (m instanceof TextMessage text) {
            return text.getText();
        }
        if (m instanceof jakarta.jms.BytesMessage bytes) {
            long length = bytes.getBodyLength();
            byte[] data = new byte[(int) Math.min(length, 1_048_576)];
            bytes.readBytes(data);
            bytes.reset();
            return new String(data, StandardCharsets.UTF_8);
        }
        return null;
    }

    private static Instant timestamp(Message m) throws JMSException {
        long at = m.getJMSTimestamp();
        return at > 0 ? Instant.ofEpochMilli(at) : null;
    }
}
