// A client of generics.T: compiles against the old version and not against the new.
package main

import p "example.com/xexp/generics"

var t p.T = 1

func main() {}
