package main

import "context"

// runBuild runs 'chronicle build'.
func runBuild(ctx context.Context, env *Env, args []string) error {
	return usagef("build: not implemented yet")
}
