package nl.ggk.hub.gmsd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The value types a GMSD column can have; each has its own character-level check. */
public enum ColumnType {
    /** A calendar date written {@code yyyyMMdd}. */
    @JsonProperty("date") DATE,
    /** Digits only. */
    @JsonProperty("integer") INTEGER,
    /** An amount in euro cents: digits only. */
    @JsonProperty("amount") AMOUNT,
    /** A value from the column's code list. */
    @JsonProperty("code") CODE,
    /** A 9-digit burgerservicenummer that passes the elfproef. */
    @JsonProperty("bsn") BSN,
    /** Free text (no separator, no quotes). */
    @JsonProperty("text") TEXT
}
