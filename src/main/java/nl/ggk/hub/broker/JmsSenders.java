package nl.ggk.hub.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.IOException;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.IntakeRejectedException;
import nl.ggk.hub.intake.IntakeService.IntakeRequest;
import nl.ggk.hub.org.OrganisationRegistry;

/**
 * Who delivered a message on {@code ggk.inbound}, and for whom: the broker's authenticated user
 * ({@code JMSXUserID}, stamped by the broker, never taken from the client), not a header. The header
 * {@code GgkOrganisation} may only narrow it to a member gemeente of the delivering samenwerkingsverband,
 * as {@code X-Organisation} does over HTTP. The hub's own user is trusted to name the organisation it
 * delivers for (it may write every internal queue anyway).
 */
public final class JmsSenders {

    /** A refused message as the quarantine keeps it: the body as sent, whose folder, under which name. */
    public record Refused(byte[] original, String folder, String filename) {
    }

    /** The channel of ggk.inbound in track &amp; trace. */
    static final String CHANNEL = "JMS";

    private final JmsPayloads payloads = new JmsPayloads();

    private final OrganisationRegistry registry;
    private final String hubUser;

    public JmsSenders(OrganisationRegistry registry, String hubUser) {
        this.registry = registry;
        this.hubUser = hubUser;
    }

    /**
     * Refuses ({@link IntakeRejectedException}) a message whose login may not deliver for what it names. The
     * route calls this as a step of its own before it sets the headers: an exception thrown inside a header
     * expression reaches the route wrapped, and the refusal would no longer be recognised and quarantined.
     */
    public void check(String authenticatedUser, String requestedOrganisation) {
        organisation(authenticatedUser, requestedOrganisation);
    }

    /** The delivering organisation (becomes {@code GgkSender}). */
    /**
     * What a message on ggk.inbound hands the intake: the broker login (narrowed by {@code GgkOrganisation}) checked
     * at once, so that a refusal is {@link IntakeRejectedException} itself; the payload, read by the intake
     * ({@link JmsPayloads#payload}: only a BytesMessage or TextMessage carries one, anything else is refused).
     */
    public IntakeRequest intakeRequest(Message message, String authenticatedUser, String requestedOrganisation,
                                       String filename) {
        return new IntakeRequest(sender(authenticatedUser, requestedOrganisation),
                organisation(authenticatedUser, requestedOrganisation), CHANNEL, filename, () -> {
                    try {
                        return payloads.payload(message);
                    } catch (JMSException e) {
                        throw new IOException("cannot read the JMS message", e);
                    }
                });
    }

    /** A refused message for the quarantine, never deserialised (never fails: asked while a refusal is handled). */
    public Refused refused(Object body, String authenticatedUser, String requestedOrganisation, String filename)
            throws JMSException {
        return new Refused(payloads.original(body), refusalFolder(authenticatedUser, requestedOrganisation), filename);
    }

    public String sender(String authenticatedUser, String requestedOrganisation) {
        if (authenticatedUser == null || authenticatedUser.isBlank()) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED, "De broker noemde de afzender van dit "
                    + "bericht niet (geen JMSXUserID); de broker moet elk bericht van de ingelogde gebruiker voorzien.");
        }
        if (authenticatedUser.equals(hubUser)) {
            if (requestedOrganisation == null || requestedOrganisation.isBlank()) {
                throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED,
                        "Een bericht van de eigen gebruiker van de hub moet zijn organisatie noemen in GgkOrganisation.");
            }
            return requestedOrganisation;
        }
        if (!registry.isKnown(authenticatedUser)) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED,
                    "JMS-gebruiker '" + authenticatedUser + "' is geen organisatie die de hub kent.");
        }
        return authenticatedUser;
    }

    /**
     * The organisation the delivery is for (becomes {@code GgkOrganisation}): the sender itself, or a member
     * gemeente of it that the header names; anything else is refused.
     */
    public String organisation(String authenticatedUser, String requestedOrganisation) {
        String sender = sender(authenticatedUser, requestedOrganisation);
        if (requestedOrganisation == null || requestedOrganisation.isBlank()
                || requestedOrganisation.equals(sender)) {
            return sender;
        }
        if (!registry.mayActFor(sender, requestedOrganisation)) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED, "JMS-gebruiker '" + sender
                    + "' mag niet aanleveren voor organisatie '" + requestedOrganisation + "': GgkOrganisation mag"
                    + " alleen een deelnemende gemeente van het aanleverende samenwerkingsverband noemen.");
        }
        return requestedOrganisation;
    }

    /**
     * Whose quarantine folder a refused message goes to: the organisation the hub's own user named, else the
     * login (never fails: it is asked while a refusal is handled).
     */
    public String refusalFolder(String authenticatedUser, String requestedOrganisation) {
        if (authenticatedUser != null && authenticatedUser.equals(hubUser) && requestedOrganisation != null
                && !requestedOrganisation.isBlank()) {
            return requestedOrganisation;
        }
        return authenticatedUser == null || authenticatedUser.isBlank() ? "unknown" : authenticatedUser;
    }
}
