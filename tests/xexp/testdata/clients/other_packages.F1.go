// A client of other_packages.F1: compiles against the old version and not against the new.
package main

import (
	"io"

	p "example.com/xexp/other_packages"
)

var r io.ReadCloser

func init() { p.F1(r) }

func main() {}
