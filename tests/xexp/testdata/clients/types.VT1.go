// A client of types.VT1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var t p.T1 = p.VT1

func main() {}
