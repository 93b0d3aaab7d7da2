// A client of basics.Split2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/basics"

// Split1, Split2 (and V5) named one type; Split2 now names another.
var s1 p.Split1
var s2 p.Split2 = s1

func main() {}
