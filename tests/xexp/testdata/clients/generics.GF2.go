// A client of generics.GF2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/generics"

// GF2's type parameter became comparable.
func init() { p.GF2([]int{}) }

func main() {}
