package nl.ggk.hub.classify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One iWmo/iJw message type from {@code message-types.yaml}.
 *
 * @param namespaces namespace templates; {@code {release}} stands for any release such as {@code 3_2}
 * @param retour     a retour message carries the header of the message it answers, so its Afzender is the
 *                   original sender and its actual sender is the header's Ontvanger
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageType(String functie, Kind kind, String berichtCode, List<String> namespaces,
                          Direction direction, boolean retour) {

    public MessageType {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }
}
