// A client of functions.F7: compiles against the old version and not against the new.
package main

import p "example.com/xexp/functions"

func init() { p.F7(1) }

func main() {}
