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
quantised to 16 bits, in an open-addressing table (internal/nlp/perceptron)
about 70% full. Each 16-byte slot holds a 32-bit fingerprint of the feature
and up to three (class, weight) entries inline, or a pointer to a longer row;
the parser's three-class transition model packs a 16-bit fingerprint and the
three weights into 8 bytes. Score first touches every feature's slot (so the
cache misses overlap), sums the quantised weights in integers and scales
once. Large tables are advised onto transparent huge pages on Linux. Within
a batch of sentences (Annotate) each model runs over all of them in turn;
LoadFS reads the four models in parallel.

# Training (reproducible: same data and seed give the same bytes)

From the repository root, with the shared data in ../shared:

	go build -o /tmp/chronicle ./cmd/chronicle
	/tmp/chronicle train tagger --data ../shared/data/ud-english-ewt --out internal/nlp/models/tagger.gz --seed 1 --iters 6
	/tmp/chronicle train lemma  --data ../shared/data/ud-english-ewt --out internal/nlp/models/lemma.gz
	/tmp/chronicle train parser --data ../shared/data/ud-english-ewt --out internal/nlp/models/parser.gz --seed 1 --iters 10
	go build -o /tmp/chronicle ./cmd/chronicle   # embeds the new tagger
	/tmp/chronicle train ner    --data ../shared/data/uner-english-ewt --out internal/nlp/models/ner.gz --seed 1

The parser command tags its training data itself (4-fold jack-knife).
--ambiguity and --features 2 train the optional ambiguity-class features and
extended templates (s1-b0 pairs, punctuation between s0 and b0, more valency
and child words); the committed model uses neither (see Evaluation). The
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

	UPOS 95.55%  XPOS 94.91%  UAS 85.02%  LAS 81.71%   (targets: 95.5 / 88 / 85)
	(LAS with universal relations only, as the CoNLL 2018 script scores: 81.94%)
	NER F1, held-out half of UNER dev: 0.613 (PERSON 0.62, ORG 0.36, GPE 0.94, LOC 0.31, NORP 0.93)
	NER F1, invented news test (61 sentences): 0.929 (PERSON 1.00, ORG 0.79, GPE 0.95, LOC 1.00, FAC 0.77, NORP 1.00)
	speed (one core, quiet machine, EWT dev, -cpu 1): tagger 280k, parser
	206k, NER 977k tokens/s alone (107k for the three in turn);
	BenchmarkAnnotateDocs (document by document, with lemmas) 82k-85k;
	BenchmarkAnnotateDocsTogether (AnnotateDocs, sentences batched across
	documents, as ingest workers run it) 97k-104k
	load 155 ms CPU
	sizes (gzip): tagger 4.2 MB, parser 5.6 MB, ner 0.2 MB, lemma 0.15 MB

The shipped tagger is pruned below 0.5 and the parser below 1.5
(training.TaggerPrune, training.ParserPrune): the same test figures as
unpruned models within 0.05 points, 10.2 MB instead of 13 MB and about 10%
faster. Pruning the tagger at 1.0 would make it 40% faster but cost 0.14
points of UPOS; dropping the parser's 14 coarse-tag and suffix templates
costs 0.36 UAS.

The parser falls short of its UAS/LAS targets; with gold tags it reaches
about 87.7 UAS on dev, so most of the gap is tagging errors on web text and
greedy search. Parser variants tried on 2026-11-29 (dev / test UAS, with
the shipped tagger; the committed model is 83.93 / 85.01):

	15 iterations                          84.07 / -
	--ambiguity                            84.17 / 85.10  (LAS 80.44 / 81.68)
	--ambiguity, 15 iterations             84.17 / -
	--ambiguity, two-pass jack-knife, 15   83.99 / -
	--ambiguity --features 2, 15 (or 20)   84.31 / 85.22  (LAS 80.63 / 81.81)

Beam search was measured too (2026-11-29, an uncommitted experiment on a
copy of this parser: beam decoding, max-violation global training of the
transition model, greedy labels, 10 iterations, test UAS / LAS and tokens/s):

	greedy, dynamic oracle (this parser)   84.99 / 81.61   166k
	beam 4                                 85.16 / 81.76    27k
	beam 8                                 85.28 / 81.78    16k
	beam 16                                85.47 / 81.97     8k

so the search is not what keeps UAS from 88: a richer (neural or
embedding-based) scorer and a better tagger are.

None of the variants above was committed: the gains are within seed noise, the extended features
cost about 20% of parser speed, and the --ambiguity model broke the
pipeline's reported-say golden passage. Speed is bound by cache misses on
the weight tables (the transition and label lookups are 70% of parsing
time): batching sentences across documents keeps each model's table warm
(EWT dev: 84k tokens/s with batches of 4 sentences, 89k with 64, 103k with
2048).

The three-class table's 16-bit fingerprints change one arc of the 25,096
test tokens against exact keys (UAS 85.02 instead of 85.01); dev is
unchanged.

The figures measured for the committed models are in models/scores.json.
TestEvalEWT and TestEvalNER (go test ./internal/nlp/) recompute them from
../shared and fail when a figure drops more than half a point.
BenchmarkAnnotate, BenchmarkAnnotateDocs, BenchmarkAnnotateDocsTogether,
BenchmarkStages and BenchmarkLoad measure speed, reporting tokens per wall second and per CPU second:

	go test -run Eval -v ./internal/nlp/
	go test -run XXX -bench . -benchtime 4x -cpu 1 ./internal/nlp/

# Licence

The treebank and UNER data are CC BY-SA 4.0; see models/ATTRIBUTION.md and
the licence files next to the models.
*/
package nlp
