package nl.ggk.hub.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultMessage;

/**
 * Replaces a received JMS message by a plain Camel message with the same body and headers. A splitter
 * copies the message for every part; copying a JMS message re-reads the JMS message each time, which
 * made that copy the largest single cost of an outbound batch.
 */
public final class DetachFromJms implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message received = exchange.getIn();
        DefaultMessage plain = new DefaultMessage(exchange);
        plain.setHeaders(received.getHeaders());
        plain.setBody(received.getBody());
        exchange.setIn(plain);
    }
}
