package main

import "context"

// runQuery runs 'chronicle query'.
func runQuery(ctx context.Context, env *Env, args []string) error {
	return usagef("query: not implemented yet")
}
