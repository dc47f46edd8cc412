package main

import "context"

// runTrain runs 'chronicle train'.
func runTrain(ctx context.Context, env *Env, args []string) error {
	return usagef("train: not implemented yet")
}
