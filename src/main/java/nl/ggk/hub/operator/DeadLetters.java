package nl.ggk.hub.operator;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import nl.ggk.hub.queues.QueueBrowsing;
import nl.ggk.hub.track.TrackEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does with a dead letter: send it back to the queue it failed on (replay), one or all of a queue
 * or all of one delivery, or remove it with a reason (discard). Each is one broker transaction: the message leaves
 * DLQ.&lt;queue&gt; only when the copy is on &lt;queue&gt; and the action recorded (operator_action, and an event in
 * the delivery's track &amp; trace). A replayed message is the same record: the StUF referentienummer of a CBS
 * entry is fixed per delivery and entry (cbs_message), so CBS's duplicate check holds.
 */
public final class DeadLetters {

    /** Event types in track &amp; trace. */
    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final Pattern DELIVERY_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    /** Headers a dead letter got on its way to the DLQ, and the broker's scheduling: not copied to a replay. */
    private static final Set<String> NOT_COPIED = Set.of(QueueBrowsing.REASON_HEADER, QueueBrowsing.STACK_HEADER,
            QueueBrowsing.FAILED_AT_HEADER, "AMQ_SCHEDULED_DELAY", "AMQ_SCHEDULED_PERIOD", "AMQ_SCHEDULED_REPEAT",
            "scheduledJobId");

    private final ConnectionFactory factory;
    private final QueueBrowsing browsing;
    private final TrackEvents track;
    private final OperatorActions actions;
    private final int maxPerAction;

    public DeadLetters(ConnectionFactory factory, QueueBrowsing browsing, TrackEvents track, OperatorActions actions,
                       int maxPerAction) {
        this.factory = factory;
        this.browsing = browsing;
        this.track = track;
        this.actions = actions;
        this.maxPerAction = maxPerAction;
    }

    /** Replays the message with opaque {@code id} of DLQ.{@code queue}; false when it is not there (any more). */
    public boolean replay(String queue, String id, String gebruiker) throws JMSException {
        String jmsId = QueueBrowsing.jmsMessageId(id);
        return jmsId != null && move(queue, "JMSMessageID = '" + jmsId + "'", gebruiker, 1,
                OperatorActions.Action.REPLAY) == 1;
    }

    /** Replays every message of DLQ.{@code queue} (at most maxPerAction); returns how many. */
    public int replayAll(String queue, String gebruiker) throws JMSException {
        return move(queue, null, gebruiker, maxPerAction, OperatorActions.Action.REPLAY);
    }

    /** Replays the dead letters of one delivery on {@code queues}; returns how many. */
    public int replayDelivery(List<String> queues, String deliveryId, String gebruiker) throws JMSException {
        if (deliveryId == null || !DELIVERY_ID.matcher(deliveryId).matches()) {
            return 0;
        }
        int moved = 0;
        for (String queue : queues) {
            moved += move(queue, QueueBrowsing.DELIVERY_HEADER + " = '" + deliveryId + "'", gebruiker, maxPerAction,
                    OperatorActions.Action.RESEND);
        }
        return moved;
    }

    /** Removes the message with opaque {@code id} of DLQ.{@code queue}, with the operator's reason. */
    public boolean discard(String queue, String id, String gebruiker, String reason) throws JMSException {
        String jmsId = QueueBrowsing.jmsMessageId(id);
        if (jmsId == null || browsing.count(QueueBrowsing.DLQ_PREFIX + queue, "JMSMessageID = '" + jmsId + "'", 1) == 0) {
            return false;
        }
        try (Tx tx = new Tx(factory)) {
            Message m = tx.take(QueueBrowsing.DLQ_PREFIX + queue, "JMSMessageID = '" + jmsId + "'");
            if (m == null) {
                return false;
            }
            String deliveryId = m.getStringProperty(QueueBrowsing.DELIVERY_HEADER);
            Integer entry = entryOf(m);
            String detail = "verwijderd uit " + QueueBrowsing.DLQ_PREFIX + queue + " door beheerder " + gebruiker
                    + ": " + reason;
            actions.record(gebruiker, OperatorActions.Action.DISCARD, queue, jmsId, deliveryId, entry, reason);
            if (deliveryId != null) {
                track.event(deliveryId, entry, DISCARDED, detail + " (" + java.time.Instant.now() + ")");
            }
            tx.commit();
            LOG.info("Dead letter {} of DLQ.{} (delivery {}) discarded by {}", jmsId, queue, deliveryId, gebruiker);
            return true;
        }
    }

    private int move(String queue, String selector, String gebruiker, int max, OperatorActions.Action action)
            throws JMSException {
        // what is there now, browsed first: a receive on a queue without a match would wait out its timeout
        int available = browsing.count(QueueBrowsing.DLQ_PREFIX + queue, selector, max);
        int moved = 0;
        while (moved < available) {
            try (Tx tx = new Tx(factory)) {
                Message m = tx.take(QueueBrowsing.DLQ_PREFIX + queue, selector);
                if (m == null) {
                    return moved;
                }
                tx.send(queue, copy(tx.session, m, gebruiker));
                String deliveryId = m.getStringProperty(QueueBrowsing.DELIVERY_HEADER);
                Integer entry = entryOf(m);
                actions.record(gebruiker, action, queue, m.getJMSMessageID(), deliveryId, entry,
                        m.getStringProperty(QueueBrowsing.REASON_HEADER));
                if (deliveryId != null) {
                    track.reopen(deliveryId, entry, REPLAYED, "opnieuw aangeboden aan " + queue + " door beheerder "
                            + gebruiker + " (uit " + QueueBrowsing.DLQ_PREFIX + queue + ")");
                }
                tx.commit();
                moved++;
                LOG.info("Dead letter {} of DLQ.{} (delivery {}) replayed to {} by {}", m.getJMSMessageID(), queue,
                        deliveryId, queue, gebruiker);
            }
        }
        return moved;
    }

    private static Integer entryOf(Message m) throws JMSException {
        Object value = m.getObjectProperty(QueueBrowsing.ENTRY_HEADER);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(String.valueOf(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The same body and the hub's headers, without what the failure added; who replayed it. */
    static Message copy(Session session, Message original, String gebruiker) throws JMSException {
        Message copy;
        if (original instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else if (original instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            BytesMessage out = session.createBytesMessage();
            out.writeBytes(data);
            copy = out;
        } else {
            throw new JMSException("a dead letter of type " + original.getClass().getSimpleName()
                    + " cannot be replayed");
        }
        for (Object name : Collections.list(original.getPropertyNames())) {
            String key = (String) name;
            if (!NOT_COPIED.contains(key) && !key.startsWith("JMSX")) {
                copy.setObjectProperty(key, original.getObjectProperty(key));
            }
        }
        copy.setStringProperty("GgkReplayedBy", gebruiker);
        copy.setJMSCorrelationID(original.getJMSCorrelationID());
        copy.setJMSType(original.getJMSType());
        return copy;
    }

    /** One transacted session: take one message, send, commit; closed without commit it rolls back. */
    private static final class Tx implements AutoCloseable {
        private final Connection connection;
        private final Session session;
        private boolean committed;

        Tx(ConnectionFactory factory) throws JMSException {
            connection = factory.createConnection();
            connection.start();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
        }

        Message take(String queue, String selector) throws JMSException {
            try (MessageConsumer consumer = selector == null ? session.createConsumer(session.createQueue(queue))
                    : session.createConsumer(session.createQueue(queue), selector)) {
                Message m = consumer.receive(5000);
                return m == null ? null : m;
            }
        }

        void send(String queue, Message m) throws JMSException {
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                producer.send(m);
            }
        }

        void commit() throws JMSException {
            session.commit();
            committed = true;
        }

        @Override
        public void close() throws JMSException {
            try {
                if (!committed) {
                    session.rollback();
                }
                session.close();
            } finally {
                connection.close();
            }
        }
    }
}
