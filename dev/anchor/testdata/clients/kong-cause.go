// v0.5.0 → v0.6.0: (*ParseError).Cause was removed (Unwrap replaced it).
package main

import "github.com/alecthomas/kong"

func main() {
	var e *kong.ParseError
	_ = e.Cause
}
