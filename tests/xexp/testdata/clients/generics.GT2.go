// A client of generics.GT2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/generics"

// GT2's type parameter became comparable.
var g p.GT2[[]int]

func main() {}
