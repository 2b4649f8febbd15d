package nl.ggk.hub.classify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The way an iWmo/iJw message travels. */
public enum Direction {
    GEMEENTE_NAAR_AANBIEDER("gemeente-naar-aanbieder"),
    AANBIEDER_NAAR_GEMEENTE("aanbieder-naar-gemeente");

    private final String key;

    Direction(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static Direction fromKey(String key) {
        for (Direction d : values()) {
            if (d.key.equals(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction " + key + ", expected gemeente-naar-aanbieder or "
                + "aanbieder-naar-gemeente");
    }
}
