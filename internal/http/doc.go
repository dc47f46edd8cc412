// Package httpapi serves Chronicle's JSON API under /api/ and the embedded
// web UI at /.
//
// The API reads a chronicle.Store. Every list endpoint answers
// {"items": [...], "next": "cursor"} (or CSV with format=csv) and takes the
// filters of 'chronicle query' as query parameters; a bad parameter is a 400
// with {"error": "..."}. POST /api/documents codes a document through a Coder
// and stores it, only with "Authorization: Bearer TOKEN" when the server has a
// token, and never when it has none (read-only).
//
// This package is the only place where chronicle error codes become HTTP
// statuses: EInvalid 400, EAuth 401, ENotFound 404, EConflict 409,
// ETooLarge 413, anything else 500.
//
// The web UI (web/) is plain HTML, CSS and JavaScript of our own, embedded
// with go:embed. Its world map is drawn from web/static/world.json.gz, built
// from Natural Earth (public domain) by web/tools/build-world.sh.
package httpapi
