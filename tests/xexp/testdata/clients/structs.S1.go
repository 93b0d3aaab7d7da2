// A client of structs.S1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/structs"

var s = p.S1{B: "b"}

func main() {}
