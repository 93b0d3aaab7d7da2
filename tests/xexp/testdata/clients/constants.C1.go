// A client of constants.C1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/constants"

var c int = p.C1

func main() {}
