// A client of whole.WI1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/whole"

// WI1's unexported method changed, so WS1 no longer implements it.
var i p.WI1 = p.WS1(0)

func main() {}
