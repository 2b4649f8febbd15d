package nl.ggk.hub.tls;

import java.util.Locale;

/**
 * How a machine door identifies its caller ({@code ggk.tls.client-auth.<door>}): {@code OFF} by bearer key only (the
 * embedded default), {@code OPTIONAL} by a client certificate when one was presented, else by bearer key, and
 * {@code REQUIRED} by a client certificate only (two-way TLS as Digikoppeling does it; bearer keys are off there).
 */
public enum ClientAuthMode {
    OFF, OPTIONAL, REQUIRED;

    public static ClientAuthMode of(String setting) {
        String value = setting == null ? "" : setting.trim().toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return OFF;
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("client-auth must be off, optional or required, not: " + setting, e);
        }
    }

    /** Whether the door looks at a client certificate at all. */
    public boolean certificates() {
        return this != OFF;
    }

    /** Whether the door still takes a bearer key. */
    public boolean bearerKeys() {
        return this != REQUIRED;
    }
}
