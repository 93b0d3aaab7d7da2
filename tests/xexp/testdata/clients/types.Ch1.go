// A client of types.Ch1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var c p.Ch1

func init() { c <- 1 }

func main() {}
