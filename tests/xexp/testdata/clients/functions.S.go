// A client of functions.S: compiles against the old version and not against the new.
package main

import p "example.com/xexp/functions"

var s = p.S{A: 1}

func main() {}
