// A client of whole.WS1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/whole"

// WS1 lost an unexported method, so it no longer implements WI1.
var i p.WI1 = p.WS1(0)

func main() {}
