package nl.ggk.hub.outbox;

import nl.ggk.hub.gmsd.TechnicalCheck;
import nl.ggk.hub.routing.OutputFile;
import nl.ggk.hub.split.Rejection;

/** Turns what a step produced for an organisation (a Fo01, the feedback ZIP) into the outbox route's message. */
public final class OutboxItems {

    /** The Fo01 of a refused entry, for the sender's outbox, with its code and Dutch omschrijving. */
    public OutboxItem fo01(Rejection rejection) {
        var entry = rejection.entry();
        String detail = rejection.detail();
        String description = detail != null && detail.startsWith(rejection.code() + " ")
                ? detail.substring(rejection.code().length() + 1) : detail;
        return new OutboxItem(entry.sender(), OutboxKind.FO01, fileName(rejection.fo01()), rejection.fo01().content(),
                entry.deliveryId(), entry.index(), entry.crossRef(), entry.name(), rejection.code(), description);
    }

    /** The hub's technical feedback ZIP of a GMSD check. */
    public OutboxItem feedback(TechnicalCheck.Outcome outcome) {
        var entry = outcome.entry();
        return new OutboxItem(entry.sender(), OutboxKind.TECHNISCHE_TERUGKOPPELING_HUB, fileName(outcome.feedback()),
                outcome.feedback().content(), entry.deliveryId(), entry.index(), entry.crossRef(), entry.name(), null,
                null);
    }

    /** The name of an output file within its organisation folder ({@code <org>/<name>} relative to the outbox). */
    private static String fileName(OutputFile file) {
        String name = file.name();
        return name.substring(name.indexOf('/') + 1);
    }
}
