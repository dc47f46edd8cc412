package actor

import (
	"context"
	"testing"
)

func BenchmarkBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	d := builtin(b)
	s := sentence("Secretary of State Marco Rubio met the Salvadoran president and Venezuelan gang members in San Salvador.")
	spans := [][2]int{{0, 6}, {8, 11}, {12, 15}, {16, 18}}
	for b.Loop() {
		for _, sp := range spans {
			d.Resolve(s, sp[0], sp[1], "2025-02-03")
		}
	}
	b.ReportMetric(float64(len(spans)), "phrases/op")
}

func BenchmarkAnnotate(b *testing.B) {
	d := builtin(b)
	text := "US envoy Mauricio Claver-Carone is set to meet Nayib Bukele in San Salvador on Monday. " +
		"Bukele said Venezuelan gang members would be held in the prison. " +
		"Human rights groups criticised the plan, and the UN asked Washington and El Salvador for details. " +
		"Rubio praised the agreement."
	ntok := 0
	for b.Loop() {
		b.StopTimer()
		doc := makeDoc(b, "2025-02-01", text)
		ntok = 0
		for _, s := range doc.Sentences {
			ntok += len(s.Tokens)
		}
		b.StartTimer()
		if err := d.Annotate(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(ntok), "tokens/op")
}
