-- Chronicle's SQLite schema, version 1.
CREATE TABLE documents (
	pk       INTEGER PRIMARY KEY,
	id       TEXT NOT NULL UNIQUE,
	url      TEXT NOT NULL DEFAULT '',
	title    TEXT NOT NULL DEFAULT '',
	date     TEXT NOT NULL DEFAULT '',
	source   TEXT NOT NULL DEFAULT '',
	story    TEXT NOT NULL DEFAULT '',
	text     TEXT NOT NULL DEFAULT '',
	ingested TEXT NOT NULL,
	n_events INTEGER NOT NULL DEFAULT 0,
	n_quotes INTEGER NOT NULL DEFAULT 0,
	n_claims INTEGER NOT NULL DEFAULT 0,
	doc      BLOB NOT NULL -- the whole coded document as JSON
);
CREATE INDEX documents_date ON documents (date, pk);
CREATE INDEX documents_story ON documents (story, date);

CREATE TABLE stories (
	id    TEXT PRIMARY KEY,
	title TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE sentences (
	doc   INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	i     INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	para  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (doc, i)
) WITHOUT ROWID;

CREATE TABLE entities (
	pk       INTEGER PRIMARY KEY,
	doc      INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	sentence INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	text     TEXT NOT NULL,
	type     TEXT NOT NULL,
	name     TEXT NOT NULL DEFAULT '',
	code     TEXT NOT NULL DEFAULT '',
	country  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_doc ON entities (doc);
CREATE INDEX entities_code ON entities (code) WHERE code <> '';

CREATE TABLE events (
	pk          INTEGER PRIMARY KEY,
	doc         INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	id          TEXT NOT NULL,
	idx         INTEGER NOT NULL, -- position in the document's events
	sentence    INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	plover      TEXT NOT NULL,
	mode        TEXT NOT NULL DEFAULT '',
	cameo       TEXT NOT NULL DEFAULT '',
	quad        INTEGER NOT NULL DEFAULT 0,
	goldstein   REAL NOT NULL DEFAULT 0,
	src_text    TEXT NOT NULL DEFAULT '',
	src_name    TEXT NOT NULL DEFAULT '',
	src_code    TEXT NOT NULL DEFAULT '',
	src_country TEXT NOT NULL DEFAULT '',
	tgt_text    TEXT NOT NULL DEFAULT '',
	tgt_name    TEXT NOT NULL DEFAULT '',
	tgt_code    TEXT NOT NULL DEFAULT '',
	tgt_country TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL DEFAULT '', -- as coded, any precision
	day         TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD: the event's day, else the document's
	loc_name    TEXT NOT NULL DEFAULT '',
	loc_country TEXT NOT NULL DEFAULT '',
	loc_lat     REAL,
	loc_lon     REAL,
	factuality  TEXT NOT NULL DEFAULT '',
	confidence  REAL NOT NULL DEFAULT 0,
	rule        TEXT NOT NULL DEFAULT '',
	canonical   TEXT NOT NULL DEFAULT '',
	data        BLOB NOT NULL -- the event as JSON
);
CREATE INDEX events_doc ON events (doc);
CREATE INDEX events_day ON events (day, pk);
CREATE INDEX events_src ON events (src_code, day);
CREATE INDEX events_tgt ON events (tgt_code, day);
CREATE INDEX events_plover ON events (plover, day);
CREATE INDEX events_cameo ON events (cameo, day);
CREATE INDEX events_src_country ON events (src_country, day);
CREATE INDEX events_tgt_country ON events (tgt_country, day);
CREATE INDEX events_loc_country ON events (loc_country, day);

-- Further evidence spans of events (Event.Mentions).
CREATE TABLE event_mentions (
	event      INTEGER NOT NULL REFERENCES events (pk) ON DELETE CASCADE,
	sentence   INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions (event);

-- Actors seen in events, with running counts kept by every write, so that
-- unfiltered actor lists need no scan of the events.
CREATE TABLE actors (
	code       TEXT PRIMARY KEY,
	name       TEXT NOT NULL DEFAULT '',
	country    TEXT NOT NULL DEFAULT '',
	as_source  INTEGER NOT NULL DEFAULT 0,
	as_target  INTEGER NOT NULL DEFAULT 0,
	quotes     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Who-to-whom counts of events between two coded actors, kept by every write.
CREATE TABLE actor_pairs (
	source        TEXT NOT NULL,
	target        TEXT NOT NULL,
	events        INTEGER NOT NULL DEFAULT 0,
	goldstein_sum REAL NOT NULL DEFAULT 0,
	PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE INDEX actor_pairs_target ON actor_pairs (target);

CREATE TABLE quotes (
	pk              INTEGER PRIMARY KEY,
	doc             INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	idx             INTEGER NOT NULL,
	sentence        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	text            TEXT NOT NULL,
	direct          INTEGER NOT NULL DEFAULT 0,
	cue             TEXT NOT NULL DEFAULT '',
	speaker_text    TEXT NOT NULL DEFAULT '',
	speaker_name    TEXT NOT NULL DEFAULT '',
	speaker_code    TEXT NOT NULL DEFAULT '',
	speaker_country TEXT NOT NULL DEFAULT '',
	data            BLOB NOT NULL
);
CREATE INDEX quotes_doc ON quotes (doc);
CREATE INDEX quotes_speaker ON quotes (speaker_code);

CREATE TABLE claims (
	pk           INTEGER PRIMARY KEY,
	doc          INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	idx          INTEGER NOT NULL,
	sentence     INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	text         TEXT NOT NULL,
	q_low        REAL,
	q_high       REAL,
	q_approx     INTEGER NOT NULL DEFAULT 0,
	q_unit       TEXT NOT NULL DEFAULT '',
	trend        TEXT NOT NULL DEFAULT '',
	comparison   TEXT NOT NULL DEFAULT '',
	subject_text TEXT NOT NULL DEFAULT '',
	subject_code TEXT NOT NULL DEFAULT '',
	subject_country TEXT NOT NULL DEFAULT '',
	time         TEXT NOT NULL DEFAULT '',
	data         BLOB NOT NULL
);
CREATE INDEX claims_doc ON claims (doc);
CREATE INDEX claims_subject ON claims (subject_code);

-- Full-text search over document titles and text, and over quotes.
CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content='documents', content_rowid='pk', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quotes_fts USING fts5 (text, content='quotes', content_rowid='pk', tokenize='unicode61 remove_diacritics 2');
