// A client of types.A2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var a = p.A2{1}

func main() {}
