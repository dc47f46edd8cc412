package main

import "context"

// runIngest runs 'chronicle ingest'.
func runIngest(ctx context.Context, env *Env, args []string) error {
	return usagef("ingest: not implemented yet")
}
