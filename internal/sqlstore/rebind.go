package sqlstore

import (
	"strconv"
	"strings"
)

// Dollar rewrites the '?' placeholders of a query (outside quoted literals)
// as PostgreSQL's $1, $2, ...; it is a Dialect.Rebind.
func Dollar(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	quoted := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
