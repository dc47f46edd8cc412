package main

import "context"

// runEval runs 'chronicle eval'.
func runEval(ctx context.Context, env *Env, args []string) error {
	return usagef("eval: not implemented yet")
}
