// A client of method_sets.Embedm: compiles against the old version and not against the new.
package main

import p "example.com/xexp/method_sets"

var e = p.Embedm{A: 1}

func main() {}
