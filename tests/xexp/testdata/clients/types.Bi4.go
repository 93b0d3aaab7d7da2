// A client of types.Bi4: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var v p.Bi4 = 1e300

func main() {}
