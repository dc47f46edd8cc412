package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/chronicle-news/chronicle/internal/actor"
	"github.com/chronicle-news/chronicle/internal/coder"
	"github.com/chronicle-news/chronicle/internal/pipeline"
	"github.com/chronicle-news/chronicle/internal/source"
)

// pipelineFlags are the flags shared by the commands that code documents.
type pipelineFlags struct {
	date     string
	verbs    string
	actors   string
	agents   string
	discards string
}

func (p *pipelineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&p.date, "date", "", "publication date `YYYY-MM-DD` for documents that have none")
	fs.StringVar(&p.verbs, "verbs", "", "verb dictionary `FILE` (Chronicle or PETRARCH2 CAMEO format) replacing the built-in one")
	fs.StringVar(&p.actors, "actors", "", "actor dictionary `FILE[,FILE...]` (Chronicle or PETRARCH2 format) replacing the built-in actors")
	fs.StringVar(&p.agents, "agents", "", "agent dictionary `FILE` (Chronicle or PETRARCH2 format) replacing the built-in agents")
	fs.StringVar(&p.discards, "discards", "", "discard dictionary `FILE` (PETRARCH2 format) replacing the built-in one")
}

// build loads the dictionaries the flags name and returns a pipeline.
func (p *pipelineFlags) build() (*pipeline.Pipeline, error) {
	opts := pipeline.Options{}
	if p.date != "" {
		d, err := source.NormalizeDate(p.date)
		if err != nil {
			return nil, usagef("--date: %v", err)
		}
		opts.DefaultDate = d
	}
	if p.actors != "" || p.agents != "" {
		var files []string
		for _, f := range strings.Split(p.actors, ",") {
			if f = strings.TrimSpace(f); f != "" {
				files = append(files, f)
			}
		}
		d, err := actor.LoadFiles(files, p.agents)
		if err != nil {
			return nil, fmt.Errorf("load actors: %w", err)
		}
		opts.Actors = d
	}
	c, err := coder.New(coder.Options{VerbsFile: p.verbs, DiscardsFile: p.discards})
	if err != nil {
		return nil, err
	}
	opts.Coder = c
	return pipeline.New(opts)
}
