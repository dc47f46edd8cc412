package main

import "context"

// runExport runs 'chronicle export'.
func runExport(ctx context.Context, env *Env, args []string) error {
	return usagef("export: not implemented yet")
}
