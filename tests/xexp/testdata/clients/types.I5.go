// A client of types.I5: compiles against the old version and not against the new.
package main

import (
	"io"

	p "example.com/xexp/types"
)

// I5 was io.Writer itself; now a distinct type.
var f func(io.Writer) = func(p.I5) {}

func main() {}
