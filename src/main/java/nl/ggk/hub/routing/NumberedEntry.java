package nl.ggk.hub.routing;

/** An entry of a delivery, numbered by its index in the delivery: what {@link MarkEntry} names an exchange by. */
public interface NumberedEntry {

    int index();
}
