package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
)

// CanonicalURL normalises an absolute http(s) URL for use as a document id:
// lower-case scheme and host, no default port, no fragment, no tracking
// parameters (utm_*, fbclid, gclid, ...), remaining parameters sorted. It
// returns "" when raw is not an absolute http(s) URL.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	host := strings.ToLower(u.Host)
	host = strings.TrimSuffix(host, ".")
	if u.Scheme == "http" {
		host = strings.TrimSuffix(host, ":80")
	} else {
		host = strings.TrimSuffix(host, ":443")
	}
	if host == "" || strings.HasPrefix(host, ":") {
		return ""
	}
	u.Host = host
	u.Fragment = ""
	u.RawFragment = ""
	u.User = nil
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			lk := strings.ToLower(k)
			if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" || lk == "mc_cid" || lk == "mc_eid" ||
				lk == "ocid" || lk == "cmpid" || lk == "ref" || lk == "smid" {
				delete(q, k)
			}
		}
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			for _, v := range q[k] {
				if b.Len() > 0 {
					b.WriteByte('&')
				}
				b.WriteString(url.QueryEscape(k))
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
		u.RawQuery = b.String()
	}
	u.ForceQuery = false
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// ContentID returns an id made from a hash of a document's text, for
// documents that have neither a URL nor an id: "sha256:" and 32 hex digits.
// White space differences do not change it.
func ContentID(text string) string {
	h := sha256.New()
	for i, f := range strings.Fields(text) {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(f))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)[:16])
}

func urlParse(s string) (*url.URL, error) { return url.Parse(s) }
