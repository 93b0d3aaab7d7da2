// A client of types.I1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var i p.I1
var f = i.M1

func main() {}
