package nl.ggk.hub.ws;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import nl.ggk.hub.errors.ErrorCode;
import nl.ggk.hub.errors.ErrorCodes;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.AnswerWriter;
import nl.ggk.hub.stuf.Bv03;
import nl.ggk.hub.stuf.Foutbericht;

/**
 * Decides what the web service does with a request the {@link SoapCodec} read, for an authenticated caller: which
 * way it goes ({@link Way}), or which answer it gets at once. The StUF rules:
 * <ol>
 *   <li>zender organisatie unknown → Fo03 StUF013; ontvanger organisatie unknown → Fo03 StUF010. Known are the
 *       gemeenten of the registry, the fixed chain values (CBS, SVB, CAK, VWS, IB, RINIS, VECOZO) and any 8-digit
 *       AGB code;</li>
 *   <li>a municipality caller (a gemeente or samenwerkingsverband of the registry) may send {@code ggk_Di01} and
 *       {@code ggk_Du01} only as a gemeente it may act for; a chain caller (setting, e.g. RINIS) only as a
 *       non-gemeente party (CBS, RINIS, an AGB code, ...), and only it may send {@code Fo01}; otherwise the
 *       {@code sender-not-authorised} code;</li>
 *   <li>duplicates by (zender organisatie, referentienummer) through {@link ReceivedMessages}: identical → the
 *       earlier Bv03 again ({@link Decision.Answer}, not processed); different → Fo03 StUF016.</li>
 * </ol>
 * A {@link Decision.Process} must be stored durably by the route, then {@link #accepted} gives the Bv03 to answer;
 * if storing fails, {@link #failed} gives the Fo03 (and frees the referentienummer for a resend).
 * Not decided here: whether a Fo01's (or a CBS Du01's) crossRefnummer names a message the hub sent ({@link WsChain},
 * then {@link #refusedAfterClaim}).
 */
public final class WsDispatcher {

    /** Which way an accepted message goes; the route chooses on it. */
    public enum Way {
        /** From a municipality: through the intake door like the other channels (GMSD check or classification). */
        INTAKE,
        /** Di01/Du01 from CBS or another chain party to a gemeente: the return path (PDF reports, ...). */
        CHAIN_RETURN,
        /** Di01/Du01 from a care provider (8-digit AGB zender) to a gemeente: into its outbox as received. */
        PROVIDER_TO_GEMEENTE,
        /** Fo01 from CBS or RINIS about an earlier message. */
        CHAIN_FO01
    }

    /** What to do with a request. */
    public sealed interface Decision {
        /** Store the message durably and send it {@code way}; then {@link #accepted} or {@link #failed}. */
        record Process(SoapRequest request, Way way, String zender, Bv03 bv03) implements Decision {
        }

        /** A resend of an accepted message: answer this Bv03 (HTTP 200) again; do not process it. */
        record Answer(Bv03 bv03, String deliveryId) implements Decision {
        }

        /** Refused: a SOAP Fault whose detail holds this Fo03 (HTTP 500). */
        record Refuse(Foutbericht fo03, String reasonForLog) implements Decision {
        }

        /** Refused at SOAP level (MustUnderstand, VersionMismatch): a Fault without Fo03 (HTTP 500). */
        record SoapFault(SoapRequestException.Kind kind, String faultstring) implements Decision {
        }
    }

    public static final Set<String> FIXED_PARTIES = Set.of("CBS", "SVB", "CAK", "VWS", "IB", "RINIS", "VECOZO");
    private static final Pattern AGB = Pattern.compile("[0-9]{8}");

    private final OrganisationRegistry registry;
    private final ReceivedMessages received;
    private final AnswerWriter answers;
    private final ErrorCodes codes;
    private final Set<String> chainCallers;
    private final Clock clock;
    private final ErrorCode unknownOntvanger;
    private final ErrorCode unknownZender;
    private final ErrorCode notUnique;

    /**
     * @param chainCallers authenticated identities of the chain side (e.g. {@code RINIS}): they may send as CBS,
     *                     RINIS or a care provider, and send Fo01
     */
    public WsDispatcher(OrganisationRegistry registry, ReceivedMessages received, AnswerWriter answers,
                        ErrorCodes codes, Set<String> chainCallers, Clock clock) {
        this.registry = registry;
        this.received = received;
        this.answers = answers;
        this.codes = codes;
        this.chainCallers = Set.copyOf(chainCallers);
        this.clock = clock;
        this.unknownOntvanger = required(codes, "StUF010");
        this.unknownZender = required(codes, "StUF013");
        this.notUnique = required(codes, "StUF016");
    }

    /** Decides for a request read by the codec; {@code caller} is the authenticated organisation. */
    public Decision decide(String caller, SoapRequest request) {
        Objects.requireNonNull(caller, "caller");
        String zender = request.zender().organisatie();
        String ontvanger = request.ontvangerOrganisatie();
        if (!isKnownParty(zender)) {
            return refuse(request, unknownZender, "zender " + zender, "unknown zender");
        }
        if (!isKnownParty(ontvanger)) {
            return refuse(request, unknownOntvanger, "ontvanger " + ontvanger, "unknown ontvanger");
        }
        boolean chainCaller = chainCallers.contains(caller);
        boolean asGemeente = registry.isGemeente(zender);
        Way way;
        if (chainCaller) {
            if (asGemeente) {
                return refuse(request, codes.forReason(ErrorReasons.SENDER_NOT_AUTHORISED), "zender " + zender,
                        "chain caller " + caller + " sent as gemeente " + zender);
            }
            if (request.operation() == WsOperation.FO01) {
                way = Way.CHAIN_FO01;
            } else if (!registry.isGemeente(ontvanger)) {
                return refuse(request, unknownOntvanger, "ontvanger " + ontvanger,
                        "chain message to a non-gemeente " + ontvanger);
            } else {
                way = AGB.matcher(zender).matches() ? Way.PROVIDER_TO_GEMEENTE : Way.CHAIN_RETURN;
            }
        } else {
            if (request.operation() == WsOperation.FO01 || !registry.mayActFor(caller, zender)) {
                return refuse(request, codes.forReason(ErrorReasons.SENDER_NOT_AUTHORISED),
                        request.operation() == WsOperation.FO01 ? "Fo01" : "zender " + zender,
                        "caller " + caller + " may not send " + request.operation().operationName() + " as " + zender);
            }
            way = Way.INTAKE;
        }

        Bv03 bv03 = answers.bv03(request.zender(), request.referentienummer(), clock.instant());
        ReceivedMessages.Claim claim = received.claim(zender, request.referentienummer(), request.berichtcode(),
                request.contentSha256(), bv03);
        if (claim instanceof ReceivedMessages.Claim.Fresh fresh) {
            return new Decision.Process(request, way, zender, fresh.bv03());
        }
        if (claim instanceof ReceivedMessages.Claim.Duplicate duplicate) {
            return new Decision.Answer(duplicate.bv03(), duplicate.deliveryId());
        }
        if (claim instanceof ReceivedMessages.Claim.Conflict) {
            return refuse(request, notUnique, null, "referentienummer already received with other content");
        }
        return refuse(request, codes.forReason(ErrorReasons.INTERNAL_ERROR), null,
                "the same message is being stored right now");
    }

    /** The answer to a request the codec refused. */
    public Decision refused(SoapRequestException e) {
        if (e.kind() != SoapRequestException.Kind.FO03) {
            return new Decision.SoapFault(e.kind(), e.detail());
        }
        ErrorCode code = codes.forReason(e.reasonKey());
        return new Decision.Refuse(answers.fo03(e.zender(), e.referentienummer(), code, e.detail(), e.details(),
                clock.instant()), e.reasonKey() + ": " + e.detail());
    }

    /** The message of {@code process} is stored durably (as {@code deliveryId}): the Bv03 to answer now. */
    public Bv03 accepted(Decision.Process process, String deliveryId) {
        received.accepted(process.zender(), process.request().referentienummer(), deliveryId);
        return process.bv03();
    }

    /** Storing the message of {@code process} failed: nothing was accepted; the Fo03 (plek server) to answer. */
    public Foutbericht failed(Decision.Process process) {
        received.release(process.zender(), process.request().referentienummer());
        return answers.fo03(process.request().zender(), process.request().referentienummer(),
                codes.forReason(ErrorReasons.INTERNAL_ERROR), null, process.request().foutDetails(), clock.instant());
    }

    /**
     * The message of {@code process} is not accepted after all (what it refers to is unknown): nothing was stored,
     * the claim is released; the Fo03 with the code of {@code reasonKey} to answer.
     */
    public Foutbericht refusedAfterClaim(Decision.Process process, String reasonKey, String detail) {
        received.release(process.zender(), process.request().referentienummer());
        return answers.fo03(process.request().zender(), process.request().referentienummer(),
                codes.forReason(reasonKey), detail, process.request().foutDetails(), clock.instant());
    }

    /** A gemeente of the registry, a fixed chain value or an 8-digit AGB code. */
    public boolean isKnownParty(String organisatie) {
        return organisatie != null
                && (registry.isGemeente(organisatie) || FIXED_PARTIES.contains(organisatie)
                || AGB.matcher(organisatie).matches());
    }

    private Decision refuse(SoapRequest request, ErrorCode code, String detail, String reasonForLog) {
        return new Decision.Refuse(answers.fo03(request.zender(), request.referentienummer(), code, detail,
                request.foutDetails(), clock.instant()), code.code() + ": " + reasonForLog);
    }

    private static ErrorCode required(ErrorCodes codes, String code) {
        return codes.byCode(code).orElseThrow(() -> new IllegalStateException(
                "error-code table " + codes.version() + " lacks " + code + ", which the web service answers with"));
    }

}
