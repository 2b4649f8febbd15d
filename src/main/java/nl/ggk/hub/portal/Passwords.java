package nl.ggk.hub.portal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing with Argon2id (spring-security-crypto, the Argon2 function from BouncyCastle), in the encoded
 * form that carries its own salt and parameters, so stronger parameters later still verify the old hashes.
 */
public final class Passwords {

    /** Shortest password a gebruikersbeheerder may set. */
    public static final int MIN_LENGTH = 12;

    private final PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /**
     * Verified when the user is unknown, so that a wrong name costs as long as a wrong password; made at the first
     * such login, not at every start (an Argon2 hash costs ~0.3 s of CPU).
     */
    private volatile String dummy;

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
