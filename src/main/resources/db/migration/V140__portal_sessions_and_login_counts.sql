-- Portal sessions and login throttling in the shared database (issue 16, several instances): any hub instance
-- serves any user, a restart logs nobody out, and a password guesser gets ggk.portal.login.free-attempts in total,
-- not per instance. Portable SQL: H2 and PostgreSQL.
--
-- portal_session: one row per logged-in session. The cookie's token is kept only as its SHA-256 (hex), so a copy
-- of this table logs nobody in; the user's name, organisation and roles are read from portal_user at each request.
CREATE TABLE portal_session (
    token_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    csrf_token   VARCHAR(64)  NOT NULL,
    user_id      VARCHAR(36)  NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    last_seen    TIMESTAMP    NOT NULL
);
CREATE INDEX portal_session_user ON portal_session (user_id);
CREATE INDEX portal_session_last_seen ON portal_session (last_seen);

-- login_count: the failures of one account ("user:<name>") or one client address ("addr:<ip>"), the attempts
-- being checked now (claimed before the password is checked, settled after), the last failure, the wait it
-- brought and when the latest claim was made (a claim of a hub that died is given back after a minute).
CREATE TABLE login_count (
    count_key      VARCHAR(220) NOT NULL PRIMARY KEY,
    failures       INTEGER      NOT NULL,
    checking       INTEGER      NOT NULL,
    last_at        TIMESTAMP    NOT NULL,
    blocked_until  TIMESTAMP,
    claimed_at     TIMESTAMP
);
CREATE INDEX login_count_last_at ON login_count (last_at);
