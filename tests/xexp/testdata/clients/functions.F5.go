// A client of functions.F5: compiles against the old version and not against the new.
package main

import p "example.com/xexp/functions"

var n int = p.F5(1)

func main() {}
