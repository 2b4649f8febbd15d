package nl.ggk.hub.ws;

import java.util.Optional;
import nl.ggk.hub.stuf.EnvelopeReader;

/**
 * The operations of the WSDL {@code ggk0210_OntvangAsynchroon_ggkberichten} (SOAP 1.1, document/literal), each
 * answered by {@code StUF:Bv03Bericht} or a fault carrying {@code StUF:Fo03Bericht}.
 */
public enum WsOperation {
    GGK_DI01("ggk_Di01", EnvelopeReader.GGK_NS, EnvelopeReader.HEENBERICHT),
    GGK_DU01("ggk_Du01", EnvelopeReader.GGK_NS, EnvelopeReader.RETOURBERICHT),
    FO01("Fo01", EnvelopeReader.STUF_NS, "Fo01Bericht");

    private final String operationName;
    private final String namespace;
    private final String bodyElement;

    WsOperation(String operationName, String namespace, String bodyElement) {
        this.operationName = operationName;
        this.namespace = namespace;
        this.bodyElement = bodyElement;
    }

    /** The WSDL operation name, e.g. {@code ggk_Di01}. */
    public String operationName() {
        return operationName;
    }

    /** The WSDL soapAction: namespace + "/" + operation. */
    public String soapAction() {
        return namespace + "/" + operationName;
    }

    public String bodyNamespace() {
        return namespace;
    }

    public String bodyElement() {
        return bodyElement;
    }

    /**
     * The operation a SOAPAction HTTP header names, quoted or not. Empty for an absent or empty header (SOAP 1.1
     * allows {@code ""}: the body element decides then).
     *
     * @throws IllegalArgumentException a non-empty header naming no operation of the WSDL
     */
    public static Optional<WsOperation> bySoapAction(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String action = header.strip();
        if (action.length() >= 2 && action.startsWith("\"") && action.endsWith("\"")) {
            action = action.substring(1, action.length() - 1).strip();
        }
        if (action.isEmpty()) {
            return Optional.empty();
        }
        for (WsOperation operation : values()) {
            if (operation.soapAction().equals(action)) {
                return Optional.of(operation);
            }
        }
        throw new IllegalArgumentException("SOAPAction names no operation of ggk0210_OntvangAsynchroon_ggkberichten");
    }

    /** The operation whose input is this body element, if any. */
    public static Optional<WsOperation> byBodyElement(String namespace, String localName) {
        for (WsOperation operation : values()) {
            if (operation.namespace.equals(namespace) && operation.bodyElement.equals(localName)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
