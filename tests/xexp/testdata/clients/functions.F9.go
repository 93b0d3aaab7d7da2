// A client of functions.F9: compiles against the old version and not against the new.
package main

import p "example.com/xexp/functions"

// F9 was a variable; now a function.
func init() { p.F9 = func(int) {} }

func main() {}
