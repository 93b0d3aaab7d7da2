// A client of multi_levels.H: compiles against the old version and not against the new.
package main

import p "example.com/xexp/multi_levels"

var h = p.H{}

func main() {}
