// A client of types.Bi2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var v p.Bi2 = 1 << 40

func main() {}
