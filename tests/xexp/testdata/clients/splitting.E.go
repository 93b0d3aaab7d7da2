// A client of splitting.E: compiles against the old version and not against the new.
package main

import p "example.com/xexp/splitting"

// E was an alias of D; now a distinct type.
var d p.D = p.E(0)

func main() {}
