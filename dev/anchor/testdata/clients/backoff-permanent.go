// v4.0.2 → v4.1.0: Permanent returns error, no longer *PermanentError.
package main

import "github.com/cenkalti/backoff/v4"

func main() {
	var p *backoff.PermanentError = backoff.Permanent(nil)
	_ = p
}
