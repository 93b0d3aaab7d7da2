// A client of constants.Cr1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/constants"

// Cr1 was 1; now -1: an array length.
var a [p.Cr1]int

func main() {}
