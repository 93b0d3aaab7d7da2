// A client of types.VT4: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var n int = p.VT4

func main() {}
