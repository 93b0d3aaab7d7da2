// A client of types.M3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var m = p.M3{"a": 1}

func main() {}
