package nl.ggk.hub.cli;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.ggk.hub.broker.BrokerCredentials;
import nl.ggk.hub.broker.BrokerUsers;
import nl.ggk.hub.broker.EmbeddedBroker;
import nl.ggk.hub.config.MessagingConfiguration;
import nl.ggk.hub.org.OrganisationRegistry;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The physical reference of {@code bench-hub}: what the broker alone costs for the messages the hub forwards. A second
 * embedded broker made by the hub's own {@link EmbeddedBroker} (persistent, KahaDB, the same plugins) on a directory
 * of its own, reached through the hub's own pooled connection factory ({@link MessagingConfiguration}, the same
 * prefetch, pool size and redelivery policy). Producers send persistent messages in transacted batches, consumers
 * receive them in transacted batches of the same size; no hub route is involved.
 */
final class BrokerBaseline implements AutoCloseable {

    /** What the hub's messaging uses, read from its properties. */
    record Settings(int batchSize, int consumers, int prefetch, int maxConnections, int redeliveries,
                    long redeliveryDelayMs, long maxRedeliveryDelayMs) {
    }

    /** One measured run: messages received, seconds from the first send to the last commit, process CPU. */
    record Result(int messages, double seconds, double cpuMsPerMessage) {
        double messagesPerSecond() {
            return seconds > 0 ? messages / seconds : 0;
        }
    }

    private static final String NAME = "ggk-bench-baseline";
    private static final String QUEUE = "ggk.bench.baseline";

    private final Settings settings;
    private final EmbeddedBroker broker;
    private final JmsPoolConnectionFactory pool;

    BrokerBaseline(Path directory, Settings settings) throws Exception {
        this.settings = settings;
        BrokerCredentials hub = BrokerCredentials.resolve(BrokerCredentials.DEFAULT_USER, "", true, false);
        broker = new EmbeddedBroker(NAME, directory, "", new BrokerUsers(hub, registry(), true));
        broker.start();
        pool = new MessagingConfiguration().jmsConnectionFactory("vm://" + NAME + "?create=false", hub,
                settings.redeliveries(), settings.redeliveryDelayMs(), settings.maxRedeliveryDelayMs(),
                settings.prefetch(), settings.maxConnections());
    }

    /**
     * {@code producers} threads each send {@code perProducer} persistent messages whose bodies {@code body} gives,
     * committing every batch; {@link Settings#consumers()} threads receive and commit every batch (or what is there
     * when the queue is momentarily empty). Timed from the first send to the last received commit.
     */
    Result run(int producers, int perProducer, java.util.function.IntFunction<byte[]> body) throws Exception {
        int total = producers * perProducer;
        AtomicLong received = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(producers + settings.consumers());
        try {
            long cpuStart = HubBenchCommand.processCpuNanos();
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < settings.consumers(); c++) {
                work.add(threads.submit(() -> consume(received, total)));
            }
            for (int p = 0; p < producers; p++) {
                int first = p * perProducer;
                work.add(threads.submit(() -> produce(first, perProducer, body)));
            }
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (HubBenchCommand.processCpuNanos() - cpuStart) / 1e6 / Math.max(1, received.get());
            return new Result((int) received.get(), seconds, cpu);
        } finally {
            threads.shutdownNow();
        }
    }

    private Void produce(int first, int count, java.util.function.IntFunction<byte[]> body) throws JMSException {
        Connection connection = pool.createConnection();
        try {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue(QUEUE);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body.apply(first + i));
                producer.send(message);
                if ((i + 1) % settings.batchSize() == 0 || i + 1 == count) {
                    session.commit();
                }
            }
            session.close();
        } finally {
            connection.close();
        }
        return null;
    }

    private Void consume(AtomicLong received, int total) throws JMSException {
        Connection connection = pool.createConnection();
        try {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (received.get() < total && System.nanoTime() < deadline) {
                int inBatch = 0;
                Message m;
                while (inBatch < settings.batchSize() && (m = consumer.receive(20)) != null) {
                    ((BytesMessage) m).getBodyLength();
                    inBatch++;
                }
                if (inBatch > 0) {
                    session.commit();
                    received.addAndGet(inBatch);
                }
            }
            session.close();
        } finally {
            connection.close();
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        try {
            pool.stop();
        } finally {
            broker.stop();
        }
    }

    private static OrganisationRegistry registry() throws IOException {
        try (InputStream in = BrokerBaseline.class.getClassLoader().getResourceAsStream("organisations.yaml")) {
            if (in == null) {
                throw new IOException("organisations.yaml not on the classpath");
            }
            return OrganisationRegistry.load(in);
        }
    }
}
