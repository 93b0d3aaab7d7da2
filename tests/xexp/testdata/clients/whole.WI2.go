// A client of whole.WI2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/whole"

// WI2 gained an unexported method, so WS2 no longer implements it.
var i p.WI2 = p.WS2(0)

func main() {}
