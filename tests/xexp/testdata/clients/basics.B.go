// A client of basics.B: compiles against the old version and not against the new.
package main

import p "example.com/xexp/basics"

var b p.B = 1

func main() {}
