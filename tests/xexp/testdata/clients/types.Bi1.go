// A client of types.Bi1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var v p.Bi1 = 1 << 20

func main() {}
