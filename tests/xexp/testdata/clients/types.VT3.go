// A client of types.VT3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

// VT3's unexported type had a method M; int has none.
var f = p.VT3.M

func main() {}
