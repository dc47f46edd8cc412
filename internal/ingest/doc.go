// Package ingest reads documents from files, folders, JSONL, WARC archives,
// RSS/Atom feeds and web pages, codes them with the pipeline on several
// workers and commits the results in input order to a store.
//
// Every document gets a stable id: a file's path, a JSONL record's id, a
// page's canonical URL, or else a hash of its text. Documents the store
// already holds are skipped, so running an ingest again, or resuming one that
// was interrupted, adds only what is missing. A document that fails is
// reported as "INPUT: problem" and never stops the batch.
//
// With a story index, every document joins the story of its most similar
// earlier near-duplicate (package story), and the documents already stored
// are read back first, so that a resumed ingest assigns the same stories.
//
// Canonical events (one record per real-world event, merged from all its
// reports by story.Merger) are kept by the SQL stores themselves
// (internal/sqlstore): every write runs the merger over the new documents in
// commit order, in the same transaction, after replaying what the store
// already holds in commit order. So every writer (this package, POST
// /api/documents, several processes on one database) gets the same
// canonical events, and a resumed ingest ends with exactly those of an
// uninterrupted one.
//
// Fetching is polite: an honest User-Agent, timeouts, retries with backoff,
// a cap on response size, conditional GET (ETag and Last-Modified) when a
// feed is polled again, and a minimum interval between requests to one host.
package ingest
