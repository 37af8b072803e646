-- Asterisk's queue_log, the durable record of what app_queue did, written by Asterisk itself through
-- realtime (res_config_pgsql; docker/asterisk/extconfig.conf and res_pgsql.conf) and, for simulated
-- calls, by io.hotline.reports.QueueLogWriter in the same format. The columns are Asterisk's own
-- (contrib/realtime/postgresql/postgresql_queue_log.sql); "time" is UTC (logger.conf
-- queue_log_realtime_use_gmt = yes). Reports are computed from this table, so events Asterisk sent
-- on AMI while the link was down are not lost.
--
-- callid is the caller channel's uniqueid (= call_sessions.call_id for FastAGI and ARI calls, the
-- simulator's call id for simulated ones); a call that changes queue keeps one callid.
-- The dialplan adds one row per queue entry with event HOTLINE (QueueLog()): data1 the ticket
-- reference, data2 the language, data3 the ticket's category.
CREATE TABLE queue_log (
    id        bigserial PRIMARY KEY,
    time      timestamp without time zone,
    callid    varchar(80),
    queuename varchar(256),
    agent     varchar(80),
    event     varchar(32),
    data1     varchar(100),
    data2     varchar(100),
    data3     varchar(100),
    data4     varchar(100),
    data5     varchar(100),
    -- which PBX wrote the row: Asterisk leaves the default, the simulator says 'sim'; demo history 'demo'
    source    varchar(16) NOT NULL DEFAULT 'asterisk'
);
CREATE INDEX queue_log_time ON queue_log (time);
CREATE INDEX queue_log_callid ON queue_log (callid);
