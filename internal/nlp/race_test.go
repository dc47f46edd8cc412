//go:build race

package nlp_test

const raceEnabled = true
