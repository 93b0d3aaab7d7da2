// A client of types.Sl: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

var s = p.Sl{1}

func main() {}
