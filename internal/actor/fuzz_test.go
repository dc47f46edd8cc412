package actor

import (
	"bytes"
	"context"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
)

func FuzzParseChronicle(f *testing.F) {
	f.Add([]byte(builtinActors[:2000]))
	f.Add([]byte("person: A B\n  role: USAGOV 2025-01..\n  alias: B\n"))
	f.Add([]byte("country: ALP | Alpha | Alphan | Alpha City\nagent: ~COP | police!\n"))
	f.Add([]byte("agent: NGO~ NGO | charity\nagent: * | member\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		as, ags, err := ParseChronicle("fuzz", bytes.NewReader(data))
		if err != nil {
			if chronicle.ErrorCode(err) != chronicle.EInvalid || !strings.Contains(err.Error(), "fuzz") {
				t.Fatalf("error %v has code %q or does not name the input", err, chronicle.ErrorCode(err))
			}
			return
		}
		exercise(t, newDictionary(as, ags))
	})
}

func FuzzParsePetrarch(f *testing.F) {
	f.Add([]byte("ALPHA_ [ALP]\n+ALPHAN\nBETA\n\t[BET 990101-051231]\n\t[BETGOV >20060101]\n"), false)
	f.Add([]byte("<!-- x\n -->\nGAMMA [GAM <950601] [GAMGOV]# c\n"), false)
	f.Add([]byte("!PERSON! = MAN, MEN\nPOLICE!PERSON! {} [~COP]\nCHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\nMSF {} [NGO~]\n"), true)
	f.Add([]byte("[ABC]\n+X\nX [~ENV}\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, agents bool) {
		var d *Dictionary
		if agents {
			ags, err := ParsePetrarchAgents("fuzz", bytes.NewReader(data))
			if err != nil {
				return
			}
			d = newDictionary(nil, ags)
		} else {
			as, err := ParsePetrarchActors("fuzz", bytes.NewReader(data))
			if err != nil {
				return
			}
			for _, a := range as {
				for _, r := range a.Roles {
					if r.Code == "" {
						t.Fatalf("empty code in %+v", a)
					}
				}
			}
			d = newDictionary(as, nil)
		}
		exercise(t, d)
	})
}

// exercise runs a dictionary over a small document; it must not panic.
func exercise(t *testing.T, d *Dictionary) {
	text := "ALPHA police met the Alphan minister. MEN OF POLICE said BETA rejected it."
	doc := &chronicle.Document{Text: text, Date: "2001-01-01"}
	doc.Sentences = []chronicle.Sentence{{Start: 0, End: len(text), Tokens: tokenize(text, 0)}}
	s := &doc.Sentences[0]
	for i := 0; i < len(s.Tokens); i += 3 {
		d.Resolve(s, i, len(s.Tokens), "2001-01-01")
	}
	if err := d.Annotate(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
}
