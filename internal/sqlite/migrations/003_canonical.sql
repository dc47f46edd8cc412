-- Version 3: canonical events, one row per real-world event merged from the
-- events of many documents (internal/story's Merger, run by every write).
-- The columns are those of events that filters use, for the representative
-- event with the values reconciled across reports; data is the whole merged
-- record as JSON. events.canonical holds the id of an event's canonical
-- event. Rows are upserted: later reports change the reconciled values.
CREATE TABLE canonical_events (
	pk           INTEGER PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	plover       TEXT NOT NULL DEFAULT '',
	cameo        TEXT NOT NULL DEFAULT '',
	root         TEXT NOT NULL DEFAULT '', -- first two digits of cameo
	quad         INTEGER NOT NULL DEFAULT 0,
	goldstein    REAL NOT NULL DEFAULT 0,
	src_text     TEXT NOT NULL DEFAULT '',
	src_name     TEXT NOT NULL DEFAULT '',
	src_code     TEXT NOT NULL DEFAULT '',
	src_country  TEXT NOT NULL DEFAULT '',
	tgt_text     TEXT NOT NULL DEFAULT '',
	tgt_name     TEXT NOT NULL DEFAULT '',
	tgt_code     TEXT NOT NULL DEFAULT '',
	tgt_country  TEXT NOT NULL DEFAULT '',
	date         TEXT NOT NULL DEFAULT '', -- reconciled, any precision
	day          TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD: the date's day, else first_seen
	loc_name     TEXT NOT NULL DEFAULT '',
	loc_country  TEXT NOT NULL DEFAULT '',
	loc_lat      REAL,
	loc_lon      REAL,
	factuality   TEXT NOT NULL DEFAULT '',
	num_mentions INTEGER NOT NULL DEFAULT 0,
	num_sources  INTEGER NOT NULL DEFAULT 0,
	num_articles INTEGER NOT NULL DEFAULT 0,
	first_seen   TEXT NOT NULL DEFAULT '',
	conflicts    INTEGER NOT NULL DEFAULT 0, -- number of conflicting fields
	data         BLOB NOT NULL -- the canonical event as JSON
);
CREATE INDEX canonical_events_day ON canonical_events (day, pk);
CREATE INDEX canonical_events_src ON canonical_events (src_code, day);
CREATE INDEX canonical_events_tgt ON canonical_events (tgt_code, day);

-- Stores written before this version hold a placeholder in events.canonical
-- and no canonical events: the first write after this migration recomputes
-- all of them. The mentions of a canonical event are found through the
-- (document, index) pairs of its data, so events.canonical needs no index
-- (a random-key index on the largest table slowed bulk ingest).
