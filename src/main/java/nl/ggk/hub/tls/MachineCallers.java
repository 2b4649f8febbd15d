package nl.ggk.hub.tls;

/**
 * How the machine doors know their callers: whether demo bearer keys count ({@code ggk.demo-keys-enabled}) and, per
 * door, whether a client certificate does ({@code ggk.tls.client-auth.ws}).
 */
public record MachineCallers(boolean demoKeysAccepted, ClientAuthMode ws) {
}
