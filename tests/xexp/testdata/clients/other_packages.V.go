// A client of other_packages.V: compiles against the old version and not against the new.
package main

import (
	"io"

	p "example.com/xexp/other_packages"
)

var w io.Writer = p.V

func main() {}
