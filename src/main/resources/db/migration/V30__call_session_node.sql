-- Which server node ran a call. Several nodes share one database (scale-out), so at start a
-- node closes only the sessions that it left in progress when it stopped, never its peers'
-- live calls. Rows from before this column (node IS NULL) are closed by any node.
ALTER TABLE call_sessions ADD COLUMN node text;
DROP INDEX call_sessions_in_progress;
CREATE INDEX call_sessions_in_progress ON call_sessions (node) WHERE end_reason = 'in_progress';
