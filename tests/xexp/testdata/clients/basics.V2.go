// A client of basics.V2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/basics"

// V2's unexported type was a string type; now an int type.
func init() { p.V2 = "x" }

func main() {}
