// A client of constants.C3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/constants"

// C3 was untyped; now it is an int constant.
var c float64 = p.C3

func main() {}
