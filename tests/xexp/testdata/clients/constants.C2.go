// A client of constants.C2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/constants"

// C2 was an int constant 2; now the untyped constant -1.
var c = uint(p.C2)

func main() {}
