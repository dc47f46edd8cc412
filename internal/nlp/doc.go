/*
Package nlp holds Chronicle's language core, written in Go and trained by
Chronicle itself: a part-of-speech tagger, a lemmatizer, a dependency parser
and an entity recogniser, embedded in the binary (models/*.gz) and loaded by
Load.

# Models

  - tagger (internal/nlp/tagger): greedy averaged perceptron predicting the
    UPOS and Penn XPOS tags together, in two left-to-right passes (the second
    sees the first pass's tags of the following words), with word, affix,
    shape, ambiguity-class and context features and a dictionary of frequent
    unambiguous words.
  - parser (internal/nlp/parser): greedy arc-hybrid transition parser with a
    dynamic oracle and exploration, averaged perceptron over Zhang & Nivre
    style feature templates, trained on jack-knifed (4-fold) predicted tags;
    a second perceptron labels each arc with a UD relation as it is built.
  - lemma (internal/nlp/lemma): (word, UPOS) table from the treebank's lemma
    column plus suffix rules learned per UPOS for unseen words.
  - ner (internal/nlp/ner): greedy BIO perceptron for PERSON, ORG, GPE, LOC,
    FAC and NORP with gazetteer features; titles never start a PERSON span.

All features are 64-bit hashes; a model keeps only non-zero averaged weights,
quantised to 16 bits, in an open-addressing table (internal/nlp/perceptron).

# Training (reproducible: same data and seed give the same bytes)

From the repository root, with the shared data in ../shared:

	go build -o /tmp/chronicle ./cmd/chronicle
	/tmp/chronicle train tagger --data ../shared/data/ud-english-ewt --out internal/nlp/models/tagger.gz --seed 1 --iters 6
	/tmp/chronicle train lemma  --data ../shared/data/ud-english-ewt --out internal/nlp/models/lemma.gz
	/tmp/chronicle train parser --data ../shared/data/ud-english-ewt --out internal/nlp/models/parser.gz --seed 1 --iters 10
	go build -o /tmp/chronicle ./cmd/chronicle   # embeds the new tagger
	/tmp/chronicle train ner    --data ../shared/data/uner-english-ewt --out internal/nlp/models/ner.gz --seed 1

The parser command tags its training data itself (4-fold jack-knife). The
entity recogniser uses the embedded tagger for its part-of-speech features,
so train it after the tagger and rebuild in between. Its training data are
one half of the UNER English EWT dev split (documents alternate between the
halves; the other half is the held-out test), the invented sentences in
ner/data/news_train.txt (twice) and 3,000 sentences generated from the
templates in ner/data/synth.txt. The invented test sentences are in
ner/testdata/news_test.txt.

# Evaluation

Measured on 2026-11-29 for the committed models (EWT test split, gold
tokenisation; punctuation counted):

	UPOS 95.56%  XPOS 94.92%  UAS 85.01%  LAS 81.72%   (targets: 95.5 / 88 / 85)
	NER F1, held-out half of UNER dev: 0.615 (PERSON 0.62, ORG 0.36, GPE 0.94, LOC 0.31, NORP 0.93)
	NER F1, invented news test (61 sentences): 0.929 (PERSON 1.00, ORG 0.79, GPE 0.95, LOC 1.00, FAC 0.77, NORP 1.00)
	speed (one core, CPU time, EWT dev): tagger ~98k, parser ~73k, NER ~760k,
	all with lemmas ~35k tokens per CPU second; load ~250 ms CPU
	sizes (gzip): tagger 4.8 MB, parser 7.9 MB, ner 0.2 MB, lemma 0.15 MB

The parser falls short of its UAS/LAS targets; with gold tags it reaches
about 87.7 UAS on dev, so most of the gap is tagging errors on web text and
greedy search. Speed was measured on a shared, heavily loaded machine.

The figures measured for the committed models are in models/scores.json.
TestEvalEWT and TestEvalNER (go test ./internal/nlp/) recompute them from
../shared and fail when a figure drops more than half a point.
BenchmarkAnnotate and BenchmarkLoad measure speed:

	go test -run Eval -v ./internal/nlp/
	go test -run XXX -bench . ./internal/nlp/

# Licence

The treebank and UNER data are CC BY-SA 4.0; see models/ATTRIBUTION.md and
the licence files next to the models.
*/
package nlp
