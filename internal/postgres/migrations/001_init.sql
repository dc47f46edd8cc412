-- Chronicle's PostgreSQL schema, version 1. Codes and dates compare
-- bytewise (COLLATE "C") so that prefix ranges and cursors are exact.
CREATE TABLE documents (
	pk       BIGSERIAL PRIMARY KEY,
	id       TEXT NOT NULL UNIQUE,
	url      TEXT NOT NULL DEFAULT '',
	title    TEXT NOT NULL DEFAULT '',
	date     TEXT COLLATE "C" NOT NULL DEFAULT '',
	source   TEXT NOT NULL DEFAULT '',
	story    TEXT NOT NULL DEFAULT '',
	text     TEXT NOT NULL DEFAULT '',
	ingested TEXT NOT NULL,
	n_events INTEGER NOT NULL DEFAULT 0,
	n_quotes INTEGER NOT NULL DEFAULT 0,
	n_claims INTEGER NOT NULL DEFAULT 0,
	doc      BYTEA NOT NULL, -- the coded document as JSON, without text, events, quotes and claims
	tsv      TSVECTOR NOT NULL
);
CREATE INDEX documents_date ON documents (date, pk);
CREATE INDEX documents_story ON documents (story, date);
CREATE INDEX documents_tsv ON documents USING GIN (tsv);

CREATE TABLE stories (
	id    TEXT PRIMARY KEY,
	title TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sentences (
	doc        BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	i          INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	para       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (doc, i)
);

CREATE TABLE entities (
	pk         BIGSERIAL PRIMARY KEY,
	doc        BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	sentence   INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	type       TEXT NOT NULL,
	name       TEXT NOT NULL DEFAULT '',
	code       TEXT COLLATE "C" NOT NULL DEFAULT '',
	country    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_doc ON entities (doc);
CREATE INDEX entities_code ON entities (code) WHERE code <> '';

CREATE TABLE events (
	pk          BIGSERIAL PRIMARY KEY,
	doc         BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	id          TEXT NOT NULL,
	idx         INTEGER NOT NULL,
	sentence    INTEGER NOT NULL,
	span_start  INTEGER NOT NULL,
	span_end    INTEGER NOT NULL,
	plover      TEXT NOT NULL,
	mode        TEXT NOT NULL DEFAULT '',
	cameo       TEXT COLLATE "C" NOT NULL DEFAULT '',
	quad        INTEGER NOT NULL DEFAULT 0,
	goldstein   DOUBLE PRECISION NOT NULL DEFAULT 0,
	src_text    TEXT NOT NULL DEFAULT '',
	src_name    TEXT NOT NULL DEFAULT '',
	src_code    TEXT COLLATE "C" NOT NULL DEFAULT '',
	src_country TEXT NOT NULL DEFAULT '',
	tgt_text    TEXT NOT NULL DEFAULT '',
	tgt_name    TEXT NOT NULL DEFAULT '',
	tgt_code    TEXT COLLATE "C" NOT NULL DEFAULT '',
	tgt_country TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL DEFAULT '',
	day         TEXT COLLATE "C" NOT NULL DEFAULT '',
	loc_name    TEXT NOT NULL DEFAULT '',
	loc_country TEXT NOT NULL DEFAULT '',
	loc_lat     DOUBLE PRECISION,
	loc_lon     DOUBLE PRECISION,
	factuality  TEXT NOT NULL DEFAULT '',
	confidence  DOUBLE PRECISION NOT NULL DEFAULT 0,
	rule        TEXT NOT NULL DEFAULT '',
	canonical   TEXT NOT NULL DEFAULT '',
	data        BYTEA NOT NULL
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
	event      BIGINT NOT NULL REFERENCES events (pk) ON DELETE CASCADE,
	sentence   INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions (event);

-- Actors seen in events, with running counts kept by every write, so that
-- unfiltered actor lists need no scan of the events.
CREATE TABLE actors (
	code       TEXT COLLATE "C" PRIMARY KEY,
	name       TEXT NOT NULL DEFAULT '',
	country    TEXT NOT NULL DEFAULT '',
	as_source  BIGINT NOT NULL DEFAULT 0,
	as_target  BIGINT NOT NULL DEFAULT 0,
	quotes     BIGINT NOT NULL DEFAULT 0
);

-- Who-to-whom counts of events between two coded actors, kept by every write.
CREATE TABLE actor_pairs (
	source        TEXT COLLATE "C" NOT NULL,
	target        TEXT COLLATE "C" NOT NULL,
	events        BIGINT NOT NULL DEFAULT 0,
	goldstein_sum DOUBLE PRECISION NOT NULL DEFAULT 0,
	PRIMARY KEY (source, target)
);
CREATE INDEX actor_pairs_target ON actor_pairs (target);

CREATE TABLE quotes (
	pk              BIGSERIAL PRIMARY KEY,
	doc             BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	idx             INTEGER NOT NULL,
	sentence        INTEGER NOT NULL,
	span_start      INTEGER NOT NULL,
	span_end        INTEGER NOT NULL,
	text            TEXT NOT NULL,
	direct          BOOLEAN NOT NULL DEFAULT FALSE,
	cue             TEXT NOT NULL DEFAULT '',
	speaker_text    TEXT NOT NULL DEFAULT '',
	speaker_name    TEXT NOT NULL DEFAULT '',
	speaker_code    TEXT COLLATE "C" NOT NULL DEFAULT '',
	speaker_country TEXT NOT NULL DEFAULT '',
	data            BYTEA NOT NULL,
	tsv             TSVECTOR NOT NULL
);
CREATE INDEX quotes_doc ON quotes (doc);
CREATE INDEX quotes_speaker ON quotes (speaker_code);
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);

CREATE TABLE claims (
	pk              BIGSERIAL PRIMARY KEY,
	doc             BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
	idx             INTEGER NOT NULL,
	sentence        INTEGER NOT NULL,
	span_start      INTEGER NOT NULL,
	span_end        INTEGER NOT NULL,
	text            TEXT NOT NULL,
	q_low           DOUBLE PRECISION,
	q_high          DOUBLE PRECISION,
	q_approx        BOOLEAN NOT NULL DEFAULT FALSE,
	q_unit          TEXT NOT NULL DEFAULT '',
	trend           TEXT NOT NULL DEFAULT '',
	comparison      TEXT NOT NULL DEFAULT '',
	subject_text    TEXT NOT NULL DEFAULT '',
	subject_code    TEXT COLLATE "C" NOT NULL DEFAULT '',
	subject_country TEXT NOT NULL DEFAULT '',
	time            TEXT NOT NULL DEFAULT '',
	data            BYTEA NOT NULL
);
CREATE INDEX claims_doc ON claims (doc);
CREATE INDEX claims_subject ON claims (subject_code);
