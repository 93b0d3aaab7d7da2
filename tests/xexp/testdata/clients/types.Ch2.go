// A client of types.Ch2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var c p.Ch2
var x = <-c

func main() {}
