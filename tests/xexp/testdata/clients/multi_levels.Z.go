// A client of multi_levels.Z: compiles against the old version and not against the new.
package main

import p "example.com/xexp/multi_levels"

// Z's element type (unexported, two levels down) was int, now bool.
func init() { p.Z[0][0] = 1 }

func main() {}
