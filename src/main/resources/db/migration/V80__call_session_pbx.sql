-- Which Asterisk server a call came from (issue 21, several Asterisk servers): the FastAGI peer's address,
-- or the ARI server's name (HOTLINE_ARI_SERVERS); null for simulated calls and calls recorded before.
ALTER TABLE call_sessions ADD COLUMN pbx text;
