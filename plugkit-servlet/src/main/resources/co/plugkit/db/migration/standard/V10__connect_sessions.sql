-- Connect sessions (issue 13/14): starting a connect writes nothing, its state is sealed and travels with
-- the browser. The first callback inserts its session here (the primary key makes that single-use across
-- servers) and then records how it ended, which GET /v1/connect/sessions/{id} reports.
-- plugkit_connect_states is no longer written or read; pending rows in it simply expire. It stays for
-- one release, so that servers of the previous version still running during a rolling upgrade keep
-- working, and goes in a later migration.
CREATE TABLE plugkit_connect_sessions (
    session_key   CHAR(32)      NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(48)   NOT NULL,
    profile_id    VARCHAR(48)   NOT NULL,
    platform      VARCHAR(20)   NOT NULL,
    redirect_url  VARCHAR(2048),
    status        VARCHAR(16)   NOT NULL,
    account_id    VARCHAR(48),
    error_code    VARCHAR(64),
    claimed_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX plugkit_connect_sessions_expiry ON plugkit_connect_sessions (expires_at);
