package main

import "context"

// runServe runs 'chronicle serve'.
func runServe(ctx context.Context, env *Env, args []string) error {
	return usagef("serve: not implemented yet")
}
