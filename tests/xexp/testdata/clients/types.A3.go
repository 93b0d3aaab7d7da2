// A client of types.A3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var a [3]int = [3]int(p.A3{})

func main() {}
