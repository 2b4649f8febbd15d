package nl.ggk.hub.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Names the exchange after the entry in its body, for the error handling that dead-letters that entry alone: the
 * exchange property {@code GgkEntry} holds the entry, the header {@code GgkEntryIndex} its index (the dead-letter route
 * marks it FAILED by it). The same as {@code setProperty ${body}} and {@code setHeader ${body.index}}, in one step and
 * without a simple OGNL call per entry (each copied the exchange and looked the method up by reflection).
 */
public final class MarkEntry implements Processor {

    public static final String PROPERTY = "GgkEntry";
    public static final String INDEX_HEADER = "GgkEntryIndex";

    @Override
    public void process(Exchange exchange) throws Exception {
        NumberedEntry entry = exchange.getMessage().getMandatoryBody(NumberedEntry.class);
        exchange.setProperty(PROPERTY, entry);
        exchange.getMessage().setHeader(INDEX_HEADER, entry.index());
    }
}
