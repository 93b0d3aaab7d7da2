// A client of aliases.B: compiles against the old version and not against the new.
package main

import p "example.com/xexp/aliases"

// B was int itself; now a distinct defined type.
var b int = p.B(0)

func main() {}
