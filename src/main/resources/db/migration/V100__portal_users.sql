-- Portal accounts (issue 10): users of one organisation each, their roles (comma-separated role ids) and their
-- password hash (spring-security-crypto, Argon2id, the encoded form with its parameters). demo: seeded for the
-- embedded default; such an account may log in only while ggk.portal.demo-users-enabled=true.
-- Portable SQL: H2 and PostgreSQL.
CREATE TABLE portal_user (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    gebruikersnaam  VARCHAR(64)   NOT NULL,
    naam            VARCHAR(200)  NOT NULL,
    organisation    VARCHAR(40)   NOT NULL,
    roles           VARCHAR(200)  NOT NULL,
    password_hash   VARCHAR(255)  NOT NULL,
    active          BOOLEAN       NOT NULL,
    demo            BOOLEAN       NOT NULL,
    created         TIMESTAMP     NOT NULL,
    updated         TIMESTAMP     NOT NULL,
    CONSTRAINT portal_user_name UNIQUE (gebruikersnaam)
);
CREATE INDEX portal_user_org ON portal_user (organisation);
