-- Issue 17: the first findings of a GMSD check per entry (line, column, rule code, Dutch text and advice), so that
-- track & trace, the portal and the activity feed say what is wrong where the user looks; all findings stay in
-- the feedback ZIP's fouten.csv. finding_count: every finding of the check, also those not kept here.
CREATE TABLE delivery_finding (
    delivery_id   VARCHAR(36)   NOT NULL,
    entry_index   INTEGER       NOT NULL,
    seq           INTEGER       NOT NULL,
    line_no       BIGINT        NOT NULL,
    col_no        INTEGER       NOT NULL,
    code          VARCHAR(40)   NOT NULL,
    field         VARCHAR(255),
    tekst         VARCHAR(1000) NOT NULL,
    advies        VARCHAR(1000),
    PRIMARY KEY (delivery_id, entry_index, seq),
    CONSTRAINT finding_delivery FOREIGN KEY (delivery_id) REFERENCES delivery (id)
);

ALTER TABLE delivery_entry ADD COLUMN finding_count BIGINT;

-- Names, not codes: the person who downloaded an item, chose an opt-in or sent a terugmelding, as the portal shows
-- them (the user's display name; the organisation's name for a machine key). Null for rows from before.
ALTER TABLE outbox_download ADD COLUMN downloaded_by_name VARCHAR(255);
ALTER TABLE optin_decision ADD COLUMN decided_by_name VARCHAR(255);
ALTER TABLE terugmelding ADD COLUMN sent_by_name VARCHAR(255);
