// A client of types.P1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var n int

var q = p.P1(&n)

func main() {}
