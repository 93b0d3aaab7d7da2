// v4.2.1 → v4.3.0: NewExponentialBackOff became variadic (opts ...ExponentialBackOffOpts).
package main

import "github.com/cenkalti/backoff/v4"

func main() {
	var f func() *backoff.ExponentialBackOff = backoff.NewExponentialBackOff
	_ = f
}
