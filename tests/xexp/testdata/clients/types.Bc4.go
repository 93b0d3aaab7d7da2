// A client of types.Bc4: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var v p.Bc4
var r float32 = real(v)

func main() {}
