package main

import "context"

// runParse runs 'chronicle parse'.
func runParse(ctx context.Context, env *Env, args []string) error {
	return usagef("parse: not implemented yet")
}
