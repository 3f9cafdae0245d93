-- The open alert incidents (vn.tthc.hub.alert.JdbcIncidentBook), one row per key while open: a restarted hub, or a
-- second instance, finds the incident already open (no second mail) and still says when the partner recovered.
CREATE TABLE alert_incident (
    incident_key    VARCHAR(200)  NOT NULL PRIMARY KEY,  -- partner/procedure/error class
    incident_id     VARCHAR(120)  NOT NULL,
    partner         VARCHAR(40)   NOT NULL,
    procedure_code  VARCHAR(60)   NOT NULL,
    error_class     VARCHAR(120)  NOT NULL,
    since           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL,
    occurrences     INT           NOT NULL,
    recovered_at    TIMESTAMP WITH TIME ZONE
);
