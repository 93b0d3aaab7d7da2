// A client of functions.F2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/functions"

var f func(int) = p.F2

func main() {}
