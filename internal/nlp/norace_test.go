//go:build !race

package nlp_test

const raceEnabled = false
