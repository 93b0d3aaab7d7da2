// A client of splitting.Vj: compiles against the old version and not against the new.
package main

import p "example.com/xexp/splitting"

// Vj and Vh had one (unexported) type; now Vj has another.
func init() { p.Vj = p.Vh }

func main() {}
