package nl.ggk.hub.tls;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The OIN (Organisatie-identificatienummer, 20 digits) of a PKIoverheid certificate: the subject's serialNumber
 * attribute (OID 2.5.4.5), as Digikoppeling identifies an organisation. A certificate without one, with several,
 * or with another value in it has no OIN.
 */
public final class Oin {

    private static final Pattern DIGITS = Pattern.compile("\\d{20}");

    private Oin() {
    }

    /** Whether {@code value} is an OIN: exactly 20 digits. */
    public static boolean valid(String value) {
        return value != null && DIGITS.matcher(value).matches();
    }

    public static Optional<String> of(X509Certificate certificate) {
        if (certificate == null) {
            return Optional.empty();
        }
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] serialNumbers = subject.getRDNs(BCStyle.SERIALNUMBER);
        if (serialNumbers.length != 1 || serialNumbers[0].isMultiValued()) {
            return Optional.empty();
        }
        ASN1Encodable value = serialNumbers[0].getFirst().getValue();
        if (!(value instanceof ASN1String text)) {
            return Optional.empty();
        }
        String oin = text.getString();
        return valid(oin) ? Optional.of(oin) : Optional.empty();
    }
}
