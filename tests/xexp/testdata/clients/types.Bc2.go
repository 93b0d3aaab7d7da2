// A client of types.Bc2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var v p.Bc2
var q = (*uint)(&v)

func main() {}
