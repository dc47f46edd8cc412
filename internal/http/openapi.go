package httpapi

import (
	"net/http"
	"reflect"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// schemaTypes are the Go types described under components/schemas.
var schemaTypes = map[string]reflect.Type{
	"EventRecord":     reflect.TypeFor[chronicle.EventRecord](),
	"QuoteRecord":     reflect.TypeFor[chronicle.QuoteRecord](),
	"ClaimRecord":     reflect.TypeFor[chronicle.ClaimRecord](),
	"DocumentSummary": reflect.TypeFor[chronicle.DocumentSummary](),
	"ActorSummary":    reflect.TypeFor[chronicle.ActorSummary](),
	"StorySummary":    reflect.TypeFor[chronicle.StorySummary](),
	"TimelinePoint":   reflect.TypeFor[chronicle.TimelinePoint](),
	"NetworkEdge":     reflect.TypeFor[chronicle.NetworkEdge](),
	"PlaceCount":      reflect.TypeFor[chronicle.PlaceCount](),
	"CanonicalEvent":  reflect.TypeFor[chronicle.CanonicalEvent](),
	"Document":        reflect.TypeFor[documentView](),
	"PostResult":      reflect.TypeFor[postResult](),
}

// schemaOf describes t as a JSON Schema object, following encoding/json's
// rules for field names, omitted and embedded fields.
func schemaOf(t reflect.Type, depth int) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), depth)}
	case reflect.Map:
		return map[string]any{"type": "object"}
	case reflect.Struct:
		if t.PkgPath() == "time" {
			return map[string]any{"type": "string", "format": "date-time"}
		}
		if depth > 4 {
			return map[string]any{"type": "object"}
		}
		props := map[string]any{}
		addFields(t, props, depth)
		return map[string]any{"type": "object", "properties": props}
	}
	return map[string]any{}
}

func addFields(t reflect.Type, props map[string]any, depth int) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addFields(ft, props, depth)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type, depth+1)
	}
}

// OpenAPI returns the OpenAPI 3.1 description of the API.
func (s *Server) OpenAPI() map[string]any {
	paths := map[string]any{}
	errResp := map[string]any{"description": "bad parameter or failure",
		"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	for _, ep := range s.endpoints() {
		var params []any
		for _, p := range append(append([]param{}, filterParams...), ep.extra...) {
			params = append(params, map[string]any{"name": p.Name, "in": "query", "description": p.Doc, "schema": map[string]any{"type": "string"}})
		}
		paths[ep.path] = map[string]any{"get": map[string]any{
			"summary":    ep.summary,
			"parameters": params,
			"responses": map[string]any{
				"200": map[string]any{"description": "one page (CSV with format=csv, next page cursor in X-Next-Cursor)",
					"content": map[string]any{
						"application/json": map[string]any{"schema": map[string]any{"type": "object", "properties": map[string]any{
							"items": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/components/schemas/" + ep.item}},
							"next":  map[string]any{"type": "string", "description": "cursor of the next page, empty at the end"},
						}}},
						"text/csv": map[string]any{"schema": map[string]any{"type": "string"}},
					}},
				"400": errResp,
			},
		}}
	}
	docGet := map[string]any{
		"summary":    "A document with its text, annotations and the spans to highlight",
		"parameters": []any{map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}}},
		"responses": map[string]any{
			"200": map[string]any{"description": "the document", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Document"}}}},
			"404": errResp,
		},
	}
	paths["/api/documents/{id}"] = map[string]any{"get": docGet}
	paths["/api/canonical-events/{id}"] = map[string]any{"get": map[string]any{
		"summary":    "A canonical event with every report of it: document, sentence and evidence span",
		"parameters": []any{map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}}},
		"responses": map[string]any{
			"200": map[string]any{"description": "the canonical event", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/CanonicalEvent"}}}},
			"404": errResp,
		},
	}}
	list := paths["/api/documents"].(map[string]any)
	list["post"] = map[string]any{
		"summary":  "Code and store a document (needs the server's bearer token)",
		"security": []any{map[string]any{"bearer": []any{}}},
		"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
			"type": "object", "properties": map[string]any{
				"id": map[string]any{"type": "string"}, "url": map[string]any{"type": "string"}, "title": map[string]any{"type": "string"},
				"date": map[string]any{"type": "string", "description": "YYYY-MM-DD, YYYYMMDD or RFC 3339"}, "source": map[string]any{"type": "string"},
				"text": map[string]any{"type": "string"}, "html": map[string]any{"type": "string"},
			}}}}},
		"responses": map[string]any{
			"201": map[string]any{"description": "stored", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/PostResult"}}}},
			"200": map[string]any{"description": "already stored"},
			"400": errResp, "401": errResp, "403": errResp, "413": errResp,
		},
	}
	schemas := map[string]any{"Error": map[string]any{"type": "object", "properties": map[string]any{"error": map[string]any{"type": "string"}}}}
	for name, t := range schemaTypes {
		schemas[name] = schemaOf(t, 0)
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "Chronicle API", "version": "1",
			"description": "Coded political events, quotes and claims with their evidence in the source text."},
		"paths": paths,
		"components": map[string]any{
			"schemas":         schemas,
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
		},
	}
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.OpenAPI())
}
