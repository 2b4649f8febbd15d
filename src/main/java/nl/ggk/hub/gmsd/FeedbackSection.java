package nl.ggk.hub.gmsd;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;

/**
 * A section another capability adds to the technical feedback PDF (e.g. the comparison with earlier deliveries);
 * the report calls it after the check's findings.
 */
@FunctionalInterface
public interface FeedbackSection {

    void addTo(Document document) throws DocumentException;
}
