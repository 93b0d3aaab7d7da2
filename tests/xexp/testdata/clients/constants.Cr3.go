// A client of constants.Cr3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/constants"

// Cr3 was 3.5; now 3.8: 2*Cr3 is no longer an integer.
var a [int(2 * p.Cr3)]int

func main() {}
