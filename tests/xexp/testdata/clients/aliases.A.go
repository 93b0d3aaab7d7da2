// A client of aliases.A: compiles against the old version and not against the new.
package main

import p "example.com/xexp/aliases"

// A was an alias of an int type, now of a bool type.
var a p.A = 1

func main() {}
