package nl.ggk.hub.broker;

import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.IntakeRejectedException;
import nl.ggk.hub.org.OrganisationRegistry;

/**
 * Who delivered a message on {@code ggk.inbound}, and for whom: the broker's authenticated user
 * ({@code JMSXUserID}, stamped by the broker, never taken from the client), not a header. The header
 * {@code GgkOrganisation} may only narrow it to a member gemeente of the delivering samenwerkingsverband,
 * as {@code X-Organisation} does over HTTP. The hub's own user is trusted to name the organisation it
 * delivers for (it may write every internal queue anyway).
 */
public final class JmsSenders {

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
    public String sender(String authenticatedUser, String requestedOrganisation) {
        if (authenticatedUser == null || authenticatedUser.isBlank()) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED, "the broker did not name the sender of "
                    + "this message (no JMSXUserID): the broker must stamp the authenticated user on every message");
        }
        if (authenticatedUser.equals(hubUser)) {
            if (requestedOrganisation == null || requestedOrganisation.isBlank()) {
                throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED,
                        "a message of the hub's own user must name its organisation in GgkOrganisation");
            }
            return requestedOrganisation;
        }
        if (!registry.isKnown(authenticatedUser)) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED,
                    "JMS user '" + authenticatedUser + "' is not an organisation of the registry");
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
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED, "JMS user '" + sender
                    + "' may not deliver for organisation '" + requestedOrganisation + "': GgkOrganisation may only"
                    + " name a member gemeente of the delivering samenwerkingsverband");
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
