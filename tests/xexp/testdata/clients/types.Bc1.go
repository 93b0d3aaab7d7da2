// A client of types.Bc1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

// Bc1 was an int32 type; now int.
var v p.Bc1
var q = (*int32)(&v)

func main() {}
