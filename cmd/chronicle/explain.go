package main

import "context"

// runExplain runs 'chronicle explain'.
func runExplain(ctx context.Context, env *Env, args []string) error {
	return usagef("explain: not implemented yet")
}
