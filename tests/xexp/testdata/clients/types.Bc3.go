// A client of types.Bc3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var v p.Bc3
var q = (*float32)(&v)

func main() {}
