package conllu

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `# newdoc id = d1
# sent_id = s1
# text = We don't know.
1	We	we	PRON	PRP	_	3	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
4.1	known	know	VERB	VBN	_	_	_	4:conj	_
5	.	.	PUNCT	.	_	4	punct	_	_

`

func TestRead(t *testing.T) {
	sents, err := Read(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 {
		t.Fatalf("got %d sentences, want 1", len(sents))
	}
	s := sents[0]
	if s.ID != "s1" || s.DocID != "d1" || s.Text != "We don't know." {
		t.Errorf("comments: got id %q doc %q text %q", s.ID, s.DocID, s.Text)
	}
	if got := strings.Join(s.Forms(), " "); got != "We do n't know ." {
		t.Errorf("forms = %q, want syntactic words without ranges or empty nodes", got)
	}
	if s.Words[3].Head != 0 || s.Words[3].DepRel != "root" || s.Words[1].Lemma != "do" {
		t.Errorf("columns not read: %+v", s.Words[3])
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"bad id", "x\tword\n"},
		{"one column", "1\n"},
		{"bad head", "1\tword\tw\tX\tX\t_\tnope\tdep\t_\t_\n"},
		{"head out of range", "1\tword\tw\tX\tX\t_\t5\tdep\t_\t_\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Read(strings.NewReader(tc.in), "in"); err == nil {
				t.Error("want an error")
			}
		})
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	sents, err := Read(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, sents); err != nil {
		t.Fatal(err)
	}
	again, err := Read(&buf, "written")
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 1 || len(again[0].Words) != 5 {
		t.Fatalf("round trip lost words: %+v", again)
	}
	for i, w := range again[0].Words {
		o := sents[0].Words[i]
		if w.Form != o.Form || w.Head != o.Head || w.DepRel != o.DepRel || w.UPOS != o.UPOS {
			t.Errorf("word %d: got %+v, want %+v", i, w, o)
		}
	}
}

func TestReadIOB2(t *testing.T) {
	in := "# newdoc id = a\n1\tMet\tO\t-\t-\n2\tAna\tB-PER\t-\t-\n3\tRuiz\tI-PER\t-\t-\n\n"
	s, err := ReadIOB2(strings.NewReader(in), "in")
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 1 || s[0].Words[2].NER != "I-PER" || s[0].DocID != "a" {
		t.Errorf("got %+v", s)
	}
	if _, err := ReadIOB2(strings.NewReader("1\tx\tZ-PER\n"), "bad"); err == nil {
		t.Error("want an error for a bad tag")
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sents, err := Read(bytes.NewReader(b), "fuzz")
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, sents); err != nil {
			t.Fatal(err)
		}
	})
}

func TestReadFormsIgnoresColumns(t *testing.T) {
	in := "1\tThe\tx\ty\tz\t_\tnot-a-head\t?\n2-3\tdon't\n2\tdo\n3\tn't\n\n1\tYes\n"
	s, err := ReadForms(strings.NewReader(in), "in")
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 2 || strings.Join(s[0].Forms(), " ") != "The do n't" || s[1].Words[0].Form != "Yes" {
		t.Errorf("got %+v", s)
	}
	if _, err := ReadForms(strings.NewReader("x\tword\n"), "in"); err == nil {
		t.Error("want an error for a bad word id")
	}
}
