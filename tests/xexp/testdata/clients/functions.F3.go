// A client of functions.F3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/functions"

func init() { p.F3(1) }

func main() {}
