-- The instant mirror (issue 19): the aggregates of every GMSD file that went on to CBS, per gemeente, file type and
-- half year, and what each delivery's comparison said. Aggregates only: no BSN, no value of a record. A later file of
-- the same gemeente, type and half year replaces the figures (as it replaces the file, table gmsd_file).
-- mirror_figure: one row per figure; group_code '' is the whole file, else a value of the type's main grouping
-- (e.g. productcategorie 05); measure: records, clients, starts, stops, ongoing, sum.
CREATE TABLE mirror_figure (
    gemeente     VARCHAR(10)  NOT NULL,
    file_type    VARCHAR(20)  NOT NULL,
    period       VARCHAR(6)   NOT NULL,
    group_code   VARCHAR(20)  NOT NULL,
    measure      VARCHAR(10)  NOT NULL,
    amount       BIGINT       NOT NULL,
    delivery_id  VARCHAR(36)  NOT NULL,
    entry_index  INT          NOT NULL,
    PRIMARY KEY (gemeente, file_type, period, group_code, measure)
);
-- mirror_comparison: the comparison (JSON: the half years' figures and the signals) as the delivery's report said it.
CREATE TABLE mirror_comparison (
    delivery_id  VARCHAR(36)     NOT NULL,
    entry_index  INT             NOT NULL,
    gemeente     VARCHAR(10)     NOT NULL,
    file_type    VARCHAR(20)     NOT NULL,
    period       VARCHAR(6)      NOT NULL,
    created_at   TIMESTAMP       NOT NULL,
    body         VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (delivery_id, entry_index)
);
