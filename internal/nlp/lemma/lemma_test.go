package lemma

import (
	"bytes"
	"testing"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
)

func sent(pairs ...string) conllu.Sentence {
	var s conllu.Sentence
	for i := 0; i+2 < len(pairs)+1; i += 3 {
		s.Words = append(s.Words, conllu.Word{Form: pairs[i], Lemma: pairs[i+1], UPOS: pairs[i+2]})
	}
	return s
}

func TestLemma(t *testing.T) {
	train := []conllu.Sentence{
		sent("met", "meet", "VERB", "explained", "explain", "VERB", "remained", "remain", "VERB",
			"obtained", "obtain", "VERB", "said", "say", "VERB", "walked", "walk", "VERB",
			"talked", "talk", "VERB", "cities", "city", "NOUN", "parties", "party", "NOUN",
			"Bukele", "Bukele", "PROPN", "The", "the", "DET", "was", "be", "AUX"),
	}
	l, err := Train(train)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := l.Save(&buf); err != nil {
		t.Fatal(err)
	}
	l2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ form, upos, want string }{
		{"met", "VERB", "meet"},
		{"Met", "VERB", "meet"},
		{"said", "VERB", "say"},
		{"detained", "VERB", "detain"}, // unseen: suffix rule from explained, remained
		{"agencies", "NOUN", "agency"}, // unseen: ies -> y
		{"Bukele", "PROPN", "Bukele"},
		{"Salazar", "PROPN", "Salazar"},
		{"The", "DET", "the"},
		{"42", "NUM", "42"},
	}
	for _, tc := range tests {
		t.Run(tc.form, func(t *testing.T) {
			for name, m := range map[string]*Lemmatizer{"trained": l, "loaded": l2} {
				if got := m.Lemma(tc.form, tc.upos); got != tc.want {
					t.Errorf("%s: Lemma(%q, %s) = %q, want %q", name, tc.form, tc.upos, got, tc.want)
				}
			}
		})
	}
}

func TestTrainEmpty(t *testing.T) {
	if _, err := Train(nil); err == nil {
		t.Error("want an error without data")
	}
}
