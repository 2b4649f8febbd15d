package nl.ggk.hub.portal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing with Argon2id (spring-security-crypto, the Argon2 function from BouncyCastle), in the encoded
 * form that carries its own salt and parameters, so stronger parameters later still verify the old hashes. The cost
 * of a new hash is a setting ({@code ggk.portal.password.argon2-memory-kib}, {@code ...-iterations}; default
 * spring-security's v5.8 defaults: 16 MiB, 2 passes, 1 lane); a hash is always verified with the cost it was made
 * with.
 */
public final class Passwords {

    /** Shortest password a gebruikersbeheerder may set. */
    public static final int MIN_LENGTH = 12;

    /** spring-security's v5.8 defaults, the hub's default cost. */
    public static final int DEFAULT_MEMORY_KIB = 16384;
    public static final int DEFAULT_ITERATIONS = 2;

    private final PasswordEncoder encoder;
    private final boolean defaultCost;
    /**
     * Verified when the user is unknown, so that a wrong name costs as long as a wrong password; made at the first
     * such login, not at every start (an Argon2 hash costs ~0.3 s of CPU).
     */
    private volatile String dummy;

    public Passwords() {
        this(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS);
    }

    /** Argon2id with 16-byte salts, 32-byte hashes, one lane, and this memory (KiB) and number of passes. */
    public Passwords(int memoryKib, int iterations) {
        if (memoryKib < 8 || iterations < 1) {
            throw new IllegalArgumentException("ggk.portal.password.argon2-memory-kib must be at least 8 and"
                    + " ggk.portal.password.argon2-iterations at least 1");
        }
        this.encoder = new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations);
        this.defaultCost = memoryKib == DEFAULT_MEMORY_KIB && iterations == DEFAULT_ITERATIONS;
    }

    /** Whether new hashes get the default cost (the demo accounts' written-down hash has it). */
    public boolean hasDefaultCost() {
        return defaultCost;
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && hash != null && encoder.matches(password, hash);
    }

    /** Spends the time of a real check, for an unknown user. */
    public void mismatch(String password) {
        String hash = dummy;
        if (hash == null) {
            hash = encoder.encode("no user has this password");
            dummy = hash;
        }
        encoder.matches(password == null ? "" : password, hash);
    }
}
