// Command devmain is a temporary development driver.
package main

import (
	"io/fs"
	"syscall"
	"time"

	"compress/gzip"
	chronicle "github.com/chronicle-news/chronicle"
	"strings"

	"encoding/gob"
	"fmt"
	"github.com/chronicle-news/chronicle/internal/nlp"
	"github.com/chronicle-news/chronicle/internal/nlp/ner"
	"os"
	"strconv"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/nlp/parser"
	"github.com/chronicle-news/chronicle/internal/nlp/training"
)

func main() {
	it, _ := strconv.Atoi(os.Args[4])
	if os.Args[1] == "nereval" {
		f, _ := os.Open(os.Args[3])
		zr, _ := gzip.NewReader(f)
		r, err := ner.Load(zr)
		if err != nil {
			panic(err)
		}
		m, _ := nlp.Load()
		gaz, _ := ner.ParseGazetteer(strings.NewReader(ner.GazetteerText), "g")
		_, test, err := training.ReadUNER(os.Args[2], gaz)
		if err != nil {
			panic(err)
		}
		news, err := training.NewsTest("internal/nlp/ner/testdata/news_test.txt")
		if err != nil {
			panic(err)
		}
		for name, set := range map[string][]conllu.Sentence{"uner": test, "news": news} {
			sc := r.Evaluate(set, m.UPOS)
			for _, t := range append([]string{"ALL"}, ner.Types...) {
				s := sc[t]
				fmt.Printf("%s %-6s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", name, t, s.P(), s.R(), s.F1(), s.TP, s.FP, s.FN)
			}
		}
		if len(os.Args) > 4 {
			for _, s := range news {
				tags := r.Tag(s.Forms(), m.UPOS(s.Forms()))
				for i, w := range s.Words {
					if tags[i] != w.NER {
						fmt.Println(s.ID, w.Form, "gold", w.NER, "pred", tags[i])
					}
				}
			}
		}
		return
	}
	if os.Args[1] == "speed" {
		cpu := func() time.Duration {
			var ru syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
			return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
		c0, w0 := cpu(), time.Now()
		sub, _ := fs.Sub(nlp.ModelFS(), "models")
		m, err := nlp.LoadFS(sub)
		if err != nil {
			panic(err)
		}
		fmt.Printf("load: cpu %s wall %s\n", cpu()-c0, time.Since(w0))
		_, dev, _ := training.ReadTreebank(os.Args[2])
		in := make([]chronicle.Sentence, len(dev))
		tokens := 0
		for i, s := range dev {
			in[i].Tokens = make([]chronicle.Token, len(s.Words))
			for j, w := range s.Words {
				in[i].Tokens[j].Text = w.Form
			}
			tokens += len(s.Words)
		}
		for _, part := range []string{"all", "all", "tagger", "parser", "ner"} {
			c0, w0 = cpu(), time.Now()
			for j := range in {
				words := make([]string, len(in[j].Tokens))
				for k, t := range in[j].Tokens {
					words[k] = t.Text
				}
				switch part {
				case "all":
					m.AnnotateSentence(&in[j])
				case "tagger":
					m.Tagger.Tag(words, nil)
				case "parser":
					tags := make([]string, len(words))
					for k, t := range in[j].Tokens {
						tags[k] = nlp.ParserTag(t.UPOS, t.XPOS)
					}
					h := make([]int, len(words))
					r := make([]string, len(words))
					m.Parser.Parse(words, tags, h, r)
				case "ner":
					u := make([]string, len(words))
					for k, t := range in[j].Tokens {
						u[k] = t.UPOS
					}
					m.NER.Tag(words, u)
				}
			}
			c := cpu() - c0
			fmt.Printf("%s: %d tokens, cpu %s (%.0f tokens/cpu-s), wall %s\n", part, tokens, c, float64(tokens)/c.Seconds(), time.Since(w0))
		}
		return
	}
	if os.Args[1] == "parserprune" {
		f, _ := os.Open(os.Args[3])
		zr, _ := gzip.NewReader(f)
		p, err := parser.Load(zr)
		if err != nil {
			panic(err)
		}
		m, err := nlp.Load()
		if err != nil {
			panic(err)
		}
		_, dev, _ := training.ReadTreebank(os.Args[2])
		tags := make([][]string, len(dev))
		for i, s := range dev {
			u, x := m.Tagger.TagStrings(s.Forms())
			for j := range u {
				tags[i] = append(tags[i], training.ParserTag(u[j], x[j]))
			}
		}
		for _, th := range []float32{1, 2, 3, 5} {
			pp := p.Pruned(th)
			uas, las := pp.Evaluate(dev, tags)
			out := fmt.Sprintf("/tmp/parser-pruned-%.2f.gz", th)
			training.WriteGzip(out, pp.Save)
			st, _ := os.Stat(out)
			fmt.Printf("prune %.2f: dev UAS %.4f LAS %.4f size %d\n", th, uas, las, st.Size())
		}
		return
	}
	if os.Args[1] == "parserdev" {
		train, dev, err := training.ReadTreebank(os.Args[2])
		if err != nil {
			panic(err)
		}
		var tt, dt [][]string
		if f, err := os.Open("/tmp/jk.gob"); err == nil {
			gob.NewDecoder(f).Decode(&tt)
			gob.NewDecoder(f).Decode(&dt)
			f.Close()
		} else {
			tt, dt, err = training.Jackknife(train, dev, 4, 6, 1, os.Stderr)
			if err != nil {
				panic(err)
			}
			f, _ := os.Create("/tmp/jk.gob")
			gob.NewEncoder(f).Encode(tt)
			gob.NewEncoder(f).Encode(dt)
			f.Close()
		}
		if os.Getenv("GOLDTAGS") == "1" {
			g := func(ss []conllu.Sentence) [][]string {
				out := make([][]string, len(ss))
				for i, s := range ss {
					for _, w := range s.Words {
						out[i] = append(out[i], training.ParserTag(w.UPOS, w.XPOS))
					}
				}
				return out
			}
			tt, dt = g(train), g(dev)
		}
		p, err := parser.Train(train, tt, parser.Options{Iters: it, Seed: 1, Log: os.Stderr, Dev: dev, DevTags: dt, Ambiguity: os.Getenv("AMB") == "1"})
		if err != nil {
			panic(err)
		}
		training.WriteGzip(os.Args[3], p.Save)
		return
	}
	if err := training.Run(os.Args[1], training.Options{Data: os.Args[2], Out: os.Args[3], Iters: it, Seed: 1, Log: os.Stderr}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
